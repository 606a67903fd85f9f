package dev.pathspace.experiments.engine;

/**
 * Evaluation trajectories of the trained sampler (model weights, w = u, all constants included).
 *
 * @param logRnd per-trajectory rnd including the Itô term (docs/math.md §4.6 run A): −rnd are log weights
 * @param logRndNoIto per-trajectory rnd without the Itô term (run B: ELBO estimator)
 * @param samples terminal states {@code [M][d]}
 * @param seconds wall-clock seconds of the evaluation
 * @param targetPath the rnd on trajectories of the target path measure (forward metrics, docs/math.md §14),
 *     or why there are none
 */
public record EvalResult(
    double[] logRnd, double[] logRndNoIto, double[][] samples, double seconds, TargetPathEval targetPath) {
  /** Requires the target-path part. */
  public EvalResult {
    if (targetPath == null) {
      throw new IllegalArgumentException("targetPath must not be null (use TargetPathEval.absent)");
    }
  }

  /** An evaluation without target-path trajectories. */
  public EvalResult(double[] logRnd, double[] logRndNoIto, double[][] samples, double seconds) {
    this(logRnd, logRndNoIto, samples, seconds, TargetPathEval.absent("no target-path trajectories were evaluated"));
  }
}
