package dev.pathspace.experiments.engine;

import dev.pathspace.api.tf.TfGraphContext;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/** Helpers for the engine's own graph variables (gradient buffers, stored paths, shadows). */
final class GraphVariables {
  private GraphVariables() {}

  /** A variable of the run's dtype, initialised to zeros of {@code shape}, named after {@code name}. */
  static Variable<TFloating> zeros(TfGraphContext ctx, String name, long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    Operand<TFloating> z = ctx.constantIn(ctx.tf().withInitScope(), new double[(int) n], shape);
    return castVar(ctx.tf().withName(TfGraphContext.opName(name)).variable(z));
  }

  /** The axes 0..rank−1 (a full reduction). */
  static Operand<TInt32> allAxes(TfGraphContext ctx, int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return ctx.tf().constant(axes);
  }

  @SuppressWarnings("unchecked")
  static Variable<TFloating> castVar(Variable<?> v) {
    return (Variable<TFloating>) v;
  }
}
