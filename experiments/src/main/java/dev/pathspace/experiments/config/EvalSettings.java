package dev.pathspace.experiments.config;

/**
 * Evaluation settings ({@code eval.*} keys).
 *
 * @param batch trajectories evaluated in total
 * @param chunk trajectories per evaluation run (memory bound); batch is streamed in chunks
 * @param referenceSamples ground-truth samples for moment/Sinkhorn metrics
 * @param controlError compute the {@code control_error} metric where it applies (DIS/PIS/DDS, d ≤ 2;
 *     docs/math.md §14); false skips it, with the reason in {@code summary.json}
 * @param every learning-curve period in training steps: every {@code every} steps (and before the first
 *     and after the last step) the sampler is evaluated on {@code curveBatch} fixed-seed trajectories and
 *     one row is appended to {@code curves.csv}; 0 = no curve
 * @param curveBatch trajectories of each learning-curve evaluation (streamed in chunks of at most
 *     {@code chunk}); the same noise at every point, so the curve shows the sampler's change alone
 * @param curveSinkhorn also compute the sample distances (Sinkhorn, MMD) at every curve point; off by
 *     default because they cost 15-38 s per point at 2000 samples (docs/workflow.md)
 */
public record EvalSettings(int batch, int chunk, int referenceSamples, boolean controlError, int every,
    int curveBatch, boolean curveSinkhorn) {
  /** The default {@code eval.curveBatch}. */
  public static final int DEFAULT_CURVE_BATCH = 2000;

  /** Settings with {@code controlError} on (the default) and no learning curve. */
  public EvalSettings(int batch, int chunk, int referenceSamples) {
    this(batch, chunk, referenceSamples, true, 0, DEFAULT_CURVE_BATCH, false);
  }

  /** Whether a learning curve is recorded ({@code every} > 0). */
  public boolean curves() {
    return every > 0;
  }
}
