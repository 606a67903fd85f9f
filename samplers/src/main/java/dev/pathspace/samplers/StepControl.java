package dev.pathspace.samplers;

import dev.pathspace.api.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A control u(s_k, x) bound to one unroll's time grid: evaluated at grid step k (time s = s_k), so that
 * per-step rows of the network (time embeddings, gains) are looked up by index. Every sampler's
 * simulation and off-policy increments evaluate their controls through this interface.
 */
@FunctionalInterface
interface StepControl {
  /** u(s_k, x), {@code [B, d]} for x {@code [B, d]}. */
  Operand<TFloating> apply(GraphContext g, int k, double s, Operand<TFloating> x);
}
