package dev.pathspace.experiments.engine;

import java.util.Optional;

/**
 * The sampler's rnd on trajectories of the target path measure that end at exact target samples
 * ({@link dev.pathspace.api.PathSampler#targetPathRnd}; −rnd are the log weights of the EUBO and the forward
 * ESS, docs/math.md §15), or the reason why the run has none (no ground-truth sampler, or a sampler whose
 * target path measure cannot be sampled).
 *
 * @param logRnd per-trajectory rnd with the Itô term, or null when absent
 * @param absentReason why {@code logRnd} is absent, or null when present
 */
public record TargetPathEval(double[] logRnd, String absentReason) {
  /** Exactly one of the two is set. */
  public TargetPathEval {
    if ((logRnd == null) == (absentReason == null)) {
      throw new IllegalArgumentException("exactly one of logRnd and absentReason must be set");
    }
  }

  /** Evaluated target-path rnds. */
  public static TargetPathEval of(double[] logRnd) {
    return new TargetPathEval(logRnd, null);
  }

  /** No target-path rnds, for {@code reason}. */
  public static TargetPathEval absent(String reason) {
    return new TargetPathEval(null, reason);
  }

  /** The rnds, if evaluated. */
  public Optional<double[]> values() {
    return Optional.ofNullable(logRnd);
  }

  /** Why there are none, if absent. */
  public Optional<String> reason() {
    return Optional.ofNullable(absentReason);
  }
}
