package dev.pathspace.experiments.metrics;

import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.TfGraphContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.family.TFloating;

/**
 * Package-private builder of the unrolled log-domain Sinkhorn iterations on TF ops (no while loops), for
 * {@link Sinkhorn}. Potentials are flat vectors; uniform marginals.
 */
final class SinkhornGraph {
  private final TfGraphContext g;
  private final Ops tf;

  SinkhornGraph(TfGraphContext g) {
    this.g = g;
    this.tf = g.tf();
  }

  /** Squared Euclidean cost |x|² + |y|² − 2xyᵀ, clamped at 0, {@code [n, m]}. */
  Operand<TFloating> sqCost(Operand<TFloating> x, Operand<TFloating> y) {
    Operand<TFloating> xx = Floating.view(tf.sum(tf.math.square(x), tf.constant(1), Sum.keepDims(true)));
    Operand<TFloating> yy = row(Floating.view(tf.sum(tf.math.square(y), tf.constant(1))));
    Operand<TFloating> xy = Floating.view(tf.linalg.matMul(x, y, MatMul.transposeB(true)));
    Operand<TFloating> c = Floating.view(tf.math.sub(tf.math.add(xx, yy), tf.math.mul(g.scalar(2.0), xy)));
    return Floating.view(tf.math.maximum(c, g.scalar(0.0)));
  }

  /** Flat vector as a row {@code [1, n]}. */
  Operand<TFloating> row(Operand<TFloating> v) {
    return Floating.view(tf.reshape(v, tf.constant(new long[] {1, -1})));
  }

  /** Flat vector as a column {@code [n, 1]}. */
  Operand<TFloating> col(Operand<TFloating> v) {
    return Floating.view(tf.reshape(v, tf.constant(new long[] {-1, 1})));
  }

  /** log Σ exp along {@code axis} of a matrix, max-shifted, returned flat. */
  Operand<TFloating> lse(Operand<TFloating> s, int axis) {
    Operand<TFloating> mx = Floating.view(tf.max(s, tf.constant(axis), Max.keepDims(true)));
    Operand<TFloating> z =
        Floating.view(tf.sum(tf.math.exp(tf.math.sub(s, mx)), tf.constant(axis), Sum.keepDims(true)));
    return Floating.view(tf.reshape(tf.math.add(tf.math.log(z), mx), tf.constant(new long[] {-1})));
  }

  /** Soft-min over columns: f_i = −ε log Σ_j exp(h_j − C_ij/ε), h flat {@code [m]}, result {@code [n]}. */
  Operand<TFloating> softminRows(double eps, Operand<TFloating> c, Operand<TFloating> h) {
    Operand<TFloating> s = Floating.view(tf.math.sub(row(h), tf.math.mul(c, g.scalar(1.0 / eps))));
    return Floating.view(tf.math.mul(g.scalar(-eps), lse(s, 1)));
  }

  /** Soft-min over rows: g_j = −ε log Σ_i exp(h_i − C_ij/ε), h flat {@code [n]}, result {@code [m]}. */
  Operand<TFloating> softminCols(double eps, Operand<TFloating> c, Operand<TFloating> h) {
    Operand<TFloating> s = Floating.view(tf.math.sub(col(h), tf.math.mul(c, g.scalar(1.0 / eps))));
    return Floating.view(tf.math.mul(g.scalar(-eps), lse(s, 0)));
  }

  /** logMarginal + f/ε. */
  private Operand<TFloating> shifted(double logMarginal, Operand<TFloating> f, double eps) {
    return Floating.view(tf.math.add(g.scalar(logMarginal), tf.math.mul(f, g.scalar(1.0 / eps))));
  }

  private Operand<TFloating> half(Operand<TFloating> a, Operand<TFloating> b) {
    return Floating.view(tf.math.mul(g.scalar(0.5), tf.math.add(a, b)));
  }

  private Operand<TFloating> mean(Operand<TFloating> v) {
    return Floating.view(tf.math.mean(v, tf.constant(0)));
  }

  /**
   * Debiased Sinkhorn divergence S_ε = OT_ε(a,b) − ½OT_ε(a,a) − ½OT_ε(b,b) with squared Euclidean costs
   * and uniform weights, after Feydy et al. (2019, AISTATS) and GeomLoss's {@code sinkhorn_loop}: symmetric
   * (averaged) updates along the ε schedule, then one final extrapolation step; OT_ε is evaluated as the dual
   * value ⟨a, f⟩ + ⟨b, g⟩.
   */
  Operand<TFloating> divergence(
      Operand<TFloating> cxy, Operand<TFloating> cxx, Operand<TFloating> cyy, int n, int m, double[] schedule) {
    double la = -Math.log(n);
    double lb = -Math.log(m);
    Operand<TFloating> loga = g.constant(filled(n, la), n);
    Operand<TFloating> logb = g.constant(filled(m, lb), m);
    double e0 = schedule[0];
    Operand<TFloating> fba = softminRows(e0, cxy, logb);
    Operand<TFloating> gab = softminCols(e0, cxy, loga);
    Operand<TFloating> faa = softminRows(e0, cxx, loga);
    Operand<TFloating> gbb = softminRows(e0, cyy, logb);
    for (double e : schedule) {
      Operand<TFloating> ftba = softminRows(e, cxy, shifted(lb, gab, e));
      Operand<TFloating> gtab = softminCols(e, cxy, shifted(la, fba, e));
      Operand<TFloating> ftaa = softminRows(e, cxx, shifted(la, faa, e));
      Operand<TFloating> gtbb = softminRows(e, cyy, shifted(lb, gbb, e));
      fba = half(fba, ftba);
      gab = half(gab, gtab);
      faa = half(faa, ftaa);
      gbb = half(gbb, gtbb);
    }
    double e = schedule[schedule.length - 1];
    Operand<TFloating> fbaLast = softminRows(e, cxy, shifted(lb, gab, e));
    Operand<TFloating> gabLast = softminCols(e, cxy, shifted(la, fba, e));
    Operand<TFloating> faaLast = softminRows(e, cxx, shifted(la, faa, e));
    Operand<TFloating> gbbLast = softminRows(e, cyy, shifted(lb, gbb, e));
    return Floating.view(
        tf.math.add(
            mean(tf.math.sub(fbaLast, faaLast)), mean(tf.math.sub(gabLast, gbbLast))));
  }

  /**
   * Transport cost Σ P_ij C_ij of the converged entropic plan between uniform a and b for a given cost
   * {@code c} (used with the Euclidean cost: a converged W₁ approximation): alternating log-domain Sinkhorn
   * updates f ← softmin(b, g), g ← softmin(a, f) along the ε schedule (alternating converges markedly
   * faster than averaged updates for this asymmetric problem), ending with a g update so that the plan
   * P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε) has exact column marginals.
   */
  Operand<TFloating> transportCost(Operand<TFloating> c, int n, int m, double[] schedule) {
    double la = -Math.log(n);
    double lb = -Math.log(m);
    double e0 = schedule[0];
    Operand<TFloating> f = softminRows(e0, c, g.constant(filled(m, lb), m));
    Operand<TFloating> h = softminCols(e0, c, g.constant(filled(n, la), n));
    for (double e : schedule) {
      f = softminRows(e, c, shifted(lb, h, e));
      h = softminCols(e, c, shifted(la, f, e));
    }
    double e = schedule[schedule.length - 1];
    Operand<TFloating> logP =
        Floating.view(
            tf.math.add(
                g.scalar(la + lb),
                tf.math.mul(tf.math.sub(tf.math.add(col(f), row(h)), c), g.scalar(1.0 / e))));
    return Floating.view(tf.sum(tf.math.mul(tf.math.exp(logP), c), tf.constant(new int[] {0, 1})));
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
