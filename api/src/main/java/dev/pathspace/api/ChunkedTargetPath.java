package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The sampler's log-RND on trajectories of its <em>target</em> path measure ({@link
 * PathSampler#targetPathRnd}, docs/math.md §15) as one chunk graph of K time steps that the engine runs
 * ⌈N/K⌉ times <em>from the last chunk to the first</em>, so that the forward metrics (EUBO, forward ESS)
 * of a chunk-graph run do not need an N-step graph either. The engine feeds X_N (exact target samples) as
 * the state at the end of the last chunk; each run draws the chunk's states backwards from its end state
 * with the reference's backward transitions, returns the state at its first step (fed to the previous
 * chunk) and the running and Itô sums of the control on the chunk's steps.
 *
 * <p>The step inputs and the noise keys are fed as in {@link ChunkedSimulation}; step k's key is the key
 * of draw {@link #draw(int)} of the request's noise, the draw the unrolled {@link PathSampler#targetPathRnd}
 * makes at that step, so both give the same trajectories. Padding steps past N−1 keep the state and add
 * nothing.
 */
public interface ChunkedTargetPath extends ChunkGraph {
  /**
   * The 1-based index, counted from the request noise's state when this graph was built, of the draw the
   * unrolled target path makes at step {@code step} (steps are drawn from N−1 down to 0), or 0 when that
   * step draws nothing (its noise is then multiplied by zero, any key will do).
   */
  long draw(int step);

  /**
   * The log-RND terms of whole trajectories from X_0 (the first chunk's {@link #stateOut}), Σ running, Σ ito
   * and X_N (any operands, typically fed), adding the sampler's initial, constant and terminal terms as
   * {@link PathSampler#targetPathRnd} does.
   */
  RndTerms finish(GraphContext g, Operand<TFloating> first, Operand<TFloating> running,
      Operand<TFloating> ito, Operand<TFloating> last);
}
