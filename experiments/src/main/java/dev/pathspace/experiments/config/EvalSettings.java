package dev.pathspace.experiments.config;

/**
 * Evaluation settings ({@code eval.*} keys).
 *
 * @param batch trajectories evaluated in total
 * @param chunk trajectories per evaluation run (memory bound); batch is streamed in chunks
 * @param referenceSamples ground-truth samples for moment/Sinkhorn metrics
 * @param every learning-curve period in training steps: every {@code every} steps (and before the first
 *     and after the last step) the sampler is evaluated on {@code curveBatch} fixed-seed trajectories and
 *     one row is appended to {@code curves.csv}; 0 = no curve
 * @param curveBatch trajectories of each learning-curve evaluation (streamed in chunks of at most
 *     {@code chunk}); the same noise at every point, so the curve shows the sampler's change alone
 */
public record EvalSettings(int batch, int chunk, int referenceSamples, int every, int curveBatch) {
  /** The default {@code eval.curveBatch}. */
  public static final int DEFAULT_CURVE_BATCH = 2000;

  /** Settings without a learning curve ({@code every} = 0). */
  public EvalSettings(int batch, int chunk, int referenceSamples) {
    this(batch, chunk, referenceSamples, 0, DEFAULT_CURVE_BATCH);
  }

  /** Whether a learning curve is recorded ({@code every} > 0). */
  public boolean curves() {
    return every > 0;
  }
}
