package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Type view for floating tensors: pathspace types every floating tensor as {@code Operand<TFloating>} so
 * that one code path serves float32 and float64 graphs (the concrete class is chosen by
 * {@link GraphContext#dtype()}). {@link #view} only changes the static type; it adds no op to the graph.
 */
public final class Floating {
  private Floating() {}

  /** Views any floating operand as {@code Operand<TFloating>} (erased generics; no op is added). */
  @SuppressWarnings("unchecked")
  public static Operand<TFloating> view(Operand<?> x) {
    return (Operand<TFloating>) x;
  }
}
