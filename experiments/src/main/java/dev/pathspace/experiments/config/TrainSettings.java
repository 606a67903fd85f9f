package dev.pathspace.experiments.config;

/**
 * Training-loop settings ({@code train.*} keys).
 *
 * @param steps optimizer steps
 * @param batch trajectories per step
 * @param timesteps time intervals of the unrolled simulation
 * @param lr Adam learning rate
 * @param lrFinalFactor learning rate decays geometrically to {@code lr · lrFinalFactor} at the last step
 * @param gradClip global L2 norm clip (≤ 0 disables)
 * @param emaDecay EMA decay of the weights used for evaluation (0 disables)
 * @param scaleLossByDim multiply the loss by 1/d before the gradient (reference behaviour)
 * @param logEvery log a progress line (and a metrics.csv row) every this many steps
 * @param maxSkips abort after this many consecutive non-finite steps
 * @param gradientChunk for off-policy divergences: accumulate the gradient over chunks of this many
 *     time steps from stored states (memory grows with B·d·N, not B·H·N); 0 = differentiate the unroll
 * @param checkpointEvery write a checkpoint every this many steps (0 = only after the last step)
 */
public record TrainSettings(
    int steps,
    int batch,
    int timesteps,
    double lr,
    double lrFinalFactor,
    double gradClip,
    double emaDecay,
    boolean scaleLossByDim,
    int logEvery,
    int maxSkips,
    int gradientChunk,
    int checkpointEvery) {

  /** Settings without gradient chunking. */
  public TrainSettings(
      int steps, int batch, int timesteps, double lr, double lrFinalFactor, double gradClip,
      double emaDecay, boolean scaleLossByDim, int logEvery, int maxSkips) {
    this(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim, logEvery, maxSkips, 0, 0);
  }

  /** Settings without checkpoints. */
  public TrainSettings(
      int steps, int batch, int timesteps, double lr, double lrFinalFactor, double gradClip,
      double emaDecay, boolean scaleLossByDim, int logEvery, int maxSkips, int gradientChunk) {
    this(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim, logEvery, maxSkips,
        gradientChunk, 0);
  }
}
