package dev.pathspace.experiments.config;

/**
 * Evaluation settings ({@code eval.*} keys).
 *
 * @param batch trajectories evaluated in total
 * @param chunk trajectories per evaluation run (memory bound); batch is streamed in chunks
 * @param referenceSamples ground-truth samples for moment/Sinkhorn metrics
 * @param controlError compute the {@code control_error} metric where it applies (DIS/PIS/DDS, d ≤ 2;
 *     docs/math.md §14); false skips it, with the reason in {@code summary.json}
 */
public record EvalSettings(int batch, int chunk, int referenceSamples, boolean controlError) {
  /** Settings with {@code controlError} on (the default). */
  public EvalSettings(int batch, int chunk, int referenceSamples) {
    this(batch, chunk, referenceSamples, true);
  }
}
