package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Tiny cast helper: pathspace types every floating tensor as {@code Operand<TFloating>} so that one code
 * path serves float32 and float64 graphs (the concrete class is chosen by {@link GraphContext#dtype()}).
 */
public final class F {
  private F() {}

  /** Views any floating operand as {@code Operand<TFloating>} (erased generics; no op is added). */
  @SuppressWarnings("unchecked")
  public static Operand<TFloating> f(Operand<?> x) {
    return (Operand<TFloating>) x;
  }
}
