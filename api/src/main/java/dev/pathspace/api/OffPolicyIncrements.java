package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The θ-dependent part of a detached (off-policy) simulation's log-RND, recomputed for one time step from
 * two stored consecutive states. Because the particles move with a stop-gradient control, the gradient of
 * the full log-RND equals the sum over steps of the gradients of these increments; the engine can then
 * accumulate gradients over chunks of steps and keep only the states (B·d·N) alive instead of every
 * step's activations (B·H·N).
 */
public interface OffPolicyIncrements {
  /**
   * Increment of step k (0-based) for states x_k and x_{k+1}, {@code [B]}: its value and its gradient
   * w.r.t. the sampler's variables match the step's running and Itô terms of the detached unroll.
   */
  Operand<TFloating> increment(GraphContext g, int k, Operand<TFloating> xk, Operand<TFloating> xk1);
}
