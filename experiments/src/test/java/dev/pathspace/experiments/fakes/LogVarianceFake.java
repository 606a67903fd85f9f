package dev.pathspace.experiments.fakes;

import jakarta.inject.Inject;

/** Test divergence "log-variance". */
public final class LogVarianceFake extends FakeDivergence {
  /** Parameters. */
  public record Params(double maxLogRnd) {
    /** Defaults. */
    public static Params defaults() {
      return new Params(1e8);
    }
  }

  public final Params params;

  @Inject
  public LogVarianceFake(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "log-variance";
  }
}
