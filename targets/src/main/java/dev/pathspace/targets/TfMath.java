package dev.pathspace.targets;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.numeric.LogSpace;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.family.TFloating;

/**
 * Small TensorFlow helpers shared by the targets: a numerically stable log-sum-exp (TF Java 1.1.0 has no
 * {@code ReduceLogSumExp} op; the max is wrapped in a stop-gradient, which leaves the value and the
 * gradient exact because log-sum-exp is invariant to the shift), a stable log-sigmoid and row sums.
 */
public final class TfMath {
  private TfMath() {}

  /** {@code log Σ_axis exp(a)} with the axis removed; see {@link LogSpace#logSumExp(GraphContext, Operand, int)}. */
  public static Operand<TFloating> logSumExp(GraphContext g, Operand<TFloating> a, int axis) {
    return LogSpace.logSumExp(g, a, axis);
  }

  /** Softmax along {@code axis} computed with the same max shift (keeps the axis). */
  public static Operand<TFloating> softmax(GraphContext g, Operand<TFloating> a, int axis) {
    Ops tf = g.tf();
    Operand<TFloating> m =
        Floating.view(tf.stopGradient(tf.reduceMax(a, tf.constant(axis), ReduceMax.keepDims(true))));
    Operand<TFloating> e = Floating.view(tf.math.exp(tf.math.sub(a, m)));
    return Floating.view(tf.math.div(e, tf.reduceSum(e, tf.constant(axis), ReduceSum.keepDims(true))));
  }

  /** Stable {@code log σ(z) = −softplus(−z)}. */
  public static Operand<TFloating> logSigmoid(GraphContext g, Operand<TFloating> z) {
    Ops tf = g.tf();
    return Floating.view(tf.math.neg(tf.math.softplus(tf.math.neg(z))));
  }

  /** Sum over axis 1 of a {@code [B, k]} tensor, giving {@code [B]}. */
  public static Operand<TFloating> rowSum(GraphContext g, Operand<TFloating> a) {
    return Floating.view(g.tf().reduceSum(a, g.tf().constant(1)));
  }

  /** Sum over axis 1 keeping it, {@code [B, k] → [B, 1]}. */
  public static Operand<TFloating> rowSumKeep(GraphContext g, Operand<TFloating> a) {
    return Floating.view(g.tf().reduceSum(a, g.tf().constant(1), ReduceSum.keepDims(true)));
  }

  /** A {@code [rows, cols]} constant from a Java matrix. */
  public static Operand<TFloating> matrix(GraphContext g, double[][] m) {
    int r = m.length;
    int c = m[0].length;
    double[] flat = new double[r * c];
    for (int i = 0; i < r; i++) {
      System.arraycopy(m[i], 0, flat, i * c, c);
    }
    return g.constant(flat, r, c);
  }

  /** A {@code [1, d]} row-vector constant (broadcasts against {@code [B, d]}). */
  public static Operand<TFloating> row(GraphContext g, double[] v) {
    return g.constant(v, 1, v.length);
  }

  /** {@code x · m} for {@code x [B, k]} and a constant Java matrix {@code m [k, n]}. */
  public static Operand<TFloating> matMul(GraphContext g, Operand<TFloating> x, Operand<TFloating> m) {
    return Floating.view(g.tf().linalg.matMul(x, m));
  }
}
