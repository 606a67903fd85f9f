package dev.pathspace.experiments.engine;

/**
 * Evaluation trajectories of the trained sampler (model weights, w = u, all constants included).
 *
 * @param logRnd per-trajectory rnd including the Itô term (docs/math.md §4.6 run A): −rnd are log weights
 * @param logRndNoIto per-trajectory rnd without the Itô term (run B: ELBO estimator)
 * @param samples terminal states {@code [M][d]}
 * @param seconds wall-clock seconds of the evaluation
 * @param controlError the control error against the exact grid control, or why it was skipped
 * @param targetPath the rnd on trajectories of the target path measure (forward metrics, docs/math.md §15),
 *     or why there are none
 */
public record EvalResult(
    double[] logRnd, double[] logRndNoIto, double[][] samples, double seconds, ControlErrorResult controlError,
    TargetPathEval targetPath) {
  /** Requires a control-error result (possibly a skipped one) and the target-path part (possibly absent). */
  public EvalResult {
    if (controlError == null) {
      throw new IllegalArgumentException("controlError must not be null (use ControlErrorResult.skipped)");
    }
    if (targetPath == null) {
      throw new IllegalArgumentException("targetPath must not be null (use TargetPathEval.absent)");
    }
  }

  /** An evaluation without a control error and without target-path trajectories. */
  public EvalResult(double[] logRnd, double[] logRndNoIto, double[][] samples, double seconds) {
    this(logRnd, logRndNoIto, samples, seconds, ControlErrorResult.skipped("not computed by this evaluation"),
        TargetPathEval.absent("no target-path trajectories were evaluated"));
  }
}
