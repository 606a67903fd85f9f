package dev.pathspace.experiments.fakes;

import jakarta.inject.Inject;

/** Test divergence "moment". */
public final class MomentFake extends FakeDivergence {
  /** Parameters. */
  public record Params(double initLogZ, boolean learnOffset, float lrScale) {
    /** Defaults. */
    public static Params defaults() {
      return new Params(0.0, true, 0.1f);
    }
  }

  public final Params params;

  @Inject
  public MomentFake(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "moment";
  }
}
