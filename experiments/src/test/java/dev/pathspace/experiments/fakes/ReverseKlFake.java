package dev.pathspace.experiments.fakes;

import jakarta.inject.Inject;

/** Test divergence "reverse-kl" with an empty Params record. */
public final class ReverseKlFake extends FakeDivergence {
  /** No parameters. */
  public record Params() {
    /** Defaults. */
    public static Params defaults() {
      return new Params();
    }
  }

  @Inject
  public ReverseKlFake(Params params) {}

  @Override
  public String id() {
    return "reverse-kl";
  }
}
