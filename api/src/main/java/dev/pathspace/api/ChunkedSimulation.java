package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A simulation of N time steps split into a start, one chunk graph of K steps that the engine runs
 * ⌈N/K⌉ times with the state carried between session runs, and a finish, so that the graph does not
 * grow with N. Everything a step needs from the time grid (times, step sizes, schedule coefficients,
 * interpolation weights) is a fed input, and so is every step's noise key: step j of a chunk draws
 * {@code StatelessRandomNormal([B, d], noiseKeys[j])}, the draw the unrolled simulation makes at that
 * step (see {@link dev.pathspace.api.tf.StatelessNoise#key}). Rows past step N−1 of the last chunk are
 * padding: the sampler makes them exact no-ops (zero step size), so N need not be a multiple of K.
 *
 * <p>Values and gradients through this decomposition equal those of the sampler's unrolled {@link
 * PathSampler#simulate} with the same request: the chunk's outputs are functions of its fed state and
 * of the shared trainable variables, so TF's gradients with given output gradients propagate an adjoint
 * from chunk to chunk (docs/performance.md, chunk graph).
 */
public interface ChunkedSimulation extends ChunkGraph {
  /** X_0, {@code [B, d]}, built with the request's noise (fetched once per training step). */
  Operand<TFloating> startState();

  /** The initial log-RND term of X_0, {@code [B]} (built with {@link #startState}). */
  Operand<TFloating> startInitial();

  /**
   * The log-RND terms of whole trajectories from the accumulated chunk outputs: {@code initial} (from
   * {@link #startInitial}), Σ running and Σ ito over all chunks and the last state X_N (any operands,
   * typically fed), adding the sampler's constant and terminal terms as the unrolled simulation does.
   */
  RndTerms finish(GraphContext g, Operand<TFloating> initial, Operand<TFloating> running,
      Operand<TFloating> ito, Operand<TFloating> last);
}
