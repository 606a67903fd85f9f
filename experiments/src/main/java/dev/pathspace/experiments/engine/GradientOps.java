package dev.pathspace.experiments.engine;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * The training graph's loss and gradient ops, as built by a {@link GradientStrategy}: running
 * {@code first} (with the step's seed fed) computes the loss and writes the gradient buffers; each op of
 * {@code chunks} (if any) is then run once, in order, to complete them.
 *
 * @param loss the divergence loss (before the 1/d scaling)
 * @param diagnostics the divergence's diagnostics, fetched with the loss
 * @param buffers one gradient buffer per trainable, in {@code ctx.trainables()} order
 * @param first the op of the first session run
 * @param chunks further runs that accumulate into the buffers (empty when {@code first} completes them)
 * @param gradNorm the gradient norm fetchable with {@code first}, or null when only known after the chunks
 * @param host when not null, the host-driven computation that replaces {@code first} and {@code chunks}
 */
record GradientOps(
    Operand<TFloating> loss,
    Map<String, Operand<TFloating>> diagnostics,
    List<Variable<TFloating>> buffers,
    Op first,
    List<Op> chunks,
    Operand<TFloating> gradNorm,
    HostGradients host) {

  /** Ops run in order from the host (no host-driven computation). */
  GradientOps(Operand<TFloating> loss, Map<String, Operand<TFloating>> diagnostics,
      List<Variable<TFloating>> buffers, Op first, List<Op> chunks, Operand<TFloating> gradNorm) {
    this(loss, diagnostics, buffers, first, chunks, gradNorm, null);
  }

  /** Copies the collections. */
  GradientOps {
    diagnostics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(diagnostics));
    buffers = List.copyOf(buffers);
    chunks = List.copyOf(chunks);
  }
}
