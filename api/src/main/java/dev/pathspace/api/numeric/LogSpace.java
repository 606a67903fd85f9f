package dev.pathspace.api.numeric;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.types.family.TFloating;

/**
 * Stable log-sum-exp and log-mean-exp, in-graph and in plain Java: log Σ exp(a_i) = m + log Σ exp(a_i − m)
 * with m = max a_i (taken through a stop-gradient, which leaves the value and the gradient unchanged). An
 * all −inf input gives −inf; a +inf entry gives +inf; NaN propagates — mask first with
 * {@link NonFiniteFilter} where non-finite entries are to be ignored.
 */
public final class LogSpace {
  private LogSpace() {}

  /** log Σ_axis exp(a), reducing {@code axis} (the result has rank one less); gradient = softmax(a). */
  public static Operand<TFloating> logSumExp(GraphContext g, Operand<TFloating> a, int axis) {
    Ops tf = g.tf();
    Operand<TFloating> m =
        Floating.view(tf.stopGradient(tf.reduceMax(a, tf.constant(axis), ReduceMax.keepDims(true))));
    // an all −inf slice would give m = −inf and (−inf) − (−inf) = NaN: shift by 0 there instead
    Operand<TFloating> shift = Floating.view(tf.select(tf.math.isFinite(m), m, Floating.view(tf.zerosLike(m))));
    Operand<TFloating> s =
        Floating.view(tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(a, shift)), tf.constant(axis))));
    // shift has a size-1 axis at `axis`; summing over it drops the axis without changing the value
    return Floating.view(tf.math.add(tf.reduceSum(shift, tf.constant(axis)), s));
  }

  /** log mean_axis exp(a) = logSumExp(a) − log n, with n the (static) length of {@code axis}. */
  public static Operand<TFloating> logMeanExp(GraphContext g, Operand<TFloating> a, int axis) {
    long n = a.shape().get(axis);
    if (n <= 0) {
      throw new IllegalArgumentException("logMeanExp needs a static, non-empty axis " + axis + ", shape " + a.shape());
    }
    return Floating.view(g.tf().math.sub(logSumExp(g, a, axis), g.scalar(Math.log(n))));
  }

  /** log Σ exp(a_i) in plain Java; −inf for an empty or all −inf array. */
  public static double logSumExp(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) {
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      m = Math.max(m, v);
    }
    if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (double v : a) {
      s += Math.exp(v - m);
    }
    return m + Math.log(s);
  }

  /** log mean exp(a_i) in plain Java. */
  public static double logMeanExp(double[] a) {
    if (a.length == 0) {
      throw new IllegalArgumentException("logMeanExp of an empty array");
    }
    return logSumExp(a) - Math.log(a.length);
  }

  /** Self-normalised weights exp(a_i − logSumExp(a)) in plain Java (they sum to 1). */
  public static double[] normalisedWeights(double[] logWeights) {
    double lse = logSumExp(logWeights);
    double[] w = new double[logWeights.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.exp(logWeights[i] - lse);
    }
    return w;
  }
}
