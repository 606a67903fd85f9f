package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** A control u(s, x) ∈ R^d as graph ops, for generative time s known at build time and x {@code [B, d]}. */
@FunctionalInterface
public interface ControlField {
  /** Returns u(s, x), {@code [B, d]}. */
  Operand<TFloating> apply(GraphContext g, double s, Operand<TFloating> x);
}
