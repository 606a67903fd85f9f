package dev.pathspace.experiments.fakes;

import jakarta.inject.Inject;

/** Test schedule "brownian" (drift free). */
public final class BrownianFake extends FakeSchedule {
  /** Parameters. */
  public record Params(double sigma) {
    /** Defaults. */
    public static Params defaults() {
      return new Params(1.0);
    }
  }

  @Inject
  public BrownianFake(Params params) {}

  @Override
  public String id() {
    return "brownian";
  }

  @Override
  public double driftCoeff(double s) {
    return 0.0;
  }

  @Override
  public boolean driftFree() {
    return true;
  }
}
