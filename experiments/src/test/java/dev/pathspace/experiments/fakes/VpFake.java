package dev.pathspace.experiments.fakes;

import jakarta.inject.Inject;

/** Test schedule "vp". */
public final class VpFake extends FakeSchedule {
  /** Parameters. */
  public record Params(double betaMin, double betaMax, double terminalTime) {
    /** Validates. */
    public Params {
      if (!(betaMax > betaMin)) {
        throw new IllegalArgumentException("betaMax must be > betaMin (got " + betaMax + " <= " + betaMin + ")");
      }
    }

    /** Defaults. */
    public static Params defaults() {
      return new Params(0.1, 10.0, 1.0);
    }
  }

  public final Params params;

  @Inject
  public VpFake(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "vp";
  }

  @Override
  public double driftCoeff(double s) {
    return -0.5;
  }
}
