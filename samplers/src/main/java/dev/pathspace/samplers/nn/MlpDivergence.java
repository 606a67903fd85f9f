package dev.pathspace.samplers.nn;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Exact Jacobian diagonal (and hence divergence ∇·NN) of the {@link FourierMlp} state path by forward-mode
 * propagation: with J_l = ∂h_l/∂x stored as {@code [B, d, H]} (J[b, i, j] = ∂h_j/∂x_i),
 *
 * <pre>
 * J_0 = W_in · act'(h_0)               (h_0 = x W_in + time row)
 * J_l = (J_{l−1} W_l) · act'(h_l)      (hidden layers, batched as a [B·d, H] × [H, H] product)
 * ∂out_i/∂x_i = Σ_j J_L[b, i, j] W_out[j, i]
 * </pre>
 *
 * Activation derivatives are closed forms ({@link Activation#derivative}), so the result is first-order
 * differentiable in the weights without TF's missing second-order activation gradients (docs/tensorflow-notes.md §2.3). This
 * replaces the d backward passes of the reference code's autograd divergence (docs/math.md §4.1) at d times the
 * forward cost.
 */
public final class MlpDivergence {
  /**
   * A network output and the diagonal of its Jacobian.
   *
   * @param output NN(x), {@code [B, d]}
   * @param jacobianDiagonal ∂NN_i/∂x_i, {@code [B, d]}
   */
  public record Result(Operand<TFloating> output, Operand<TFloating> jacobianDiagonal) {
    /** ∇·NN = Σ_i ∂NN_i/∂x_i, {@code [B]}. */
    public Operand<TFloating> divergence(GraphContext g) {
      return Floating.view(g.tf().sum(jacobianDiagonal, g.tf().constant(1)));
    }
  }

  private MlpDivergence() {}

  static Result forward(
      GraphContext g,
      Activation act,
      Operand<TFloating> x,
      Operand<TFloating> wIn,
      Operand<TFloating> timeRow,
      List<Operand<TFloating>> hiddenW,
      List<Operand<TFloating>> hiddenB,
      Operand<TFloating> wOut,
      Operand<TFloating> bOut,
      int d,
      int width) {
    Ops tf = g.tf();
    Operand<TFloating> h = Floating.view(tf.math.add(tf.linalg.matMul(x, wIn), timeRow));
    // [1, d, H] * [B, 1, H] -> [B, d, H]
    Operand<TFloating> jac =
        Floating.view(
            tf.math.mul(
                tf.expandDims(wIn, tf.constant(0)),
                tf.expandDims(act.derivative(g, h), tf.constant(1))));
    Operand<TFloating> a = act.apply(g, h);
    for (int l = 0; l < hiddenW.size(); l++) {
      Operand<TFloating> w = hiddenW.get(l);
      h = Floating.view(tf.nn.biasAdd(tf.linalg.matMul(a, w), hiddenB.get(l)));
      // [B, d, H] -> [B·d, H], times W_l, back to [B, d, H]
      Operand<TFloating> flat = Floating.view(tf.reshape(jac, tf.constant(new long[] {-1, width})));
      Operand<TFloating> next = Floating.view(tf.linalg.matMul(flat, w));
      next = Floating.view(tf.reshape(next, tf.constant(new long[] {-1, d, width})));
      jac = Floating.view(tf.math.mul(next, tf.expandDims(act.derivative(g, h), tf.constant(1))));
      a = act.apply(g, h);
    }
    Operand<TFloating> out = Floating.view(tf.nn.biasAdd(tf.linalg.matMul(a, wOut), bOut));
    // diag_i = Σ_j J[b, i, j] W_out[j, i]  ->  sum over the last axis of J ⊙ W_outᵀ[None]
    Operand<TFloating> wT = Floating.view(tf.linalg.transpose(wOut, tf.constant(new int[] {1, 0})));
    Operand<TFloating> diag =
        Floating.view(tf.sum(tf.math.mul(jac, tf.expandDims(wT, tf.constant(0))), tf.constant(2)));
    return new Result(out, diag);
  }
}
