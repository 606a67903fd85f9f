package dev.pathspace.samplers.hjb;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The exact optimal control of an {@link ExactControl} as a {@link ControlField}, so any sampler's {@code
 * withControl(...)} runs with u*. In the table regime u*(s, x) = A·x + B·E[y | x] with E[y | x]
 * interpolated bilinearly from the level's table by gather ops (the cell index is clamped to the grid, the
 * weights are not, so outside the grid E[y | x] is extrapolated linearly — exact for Gaussian tails); in
 * the small-noise regime u* = linear·x + gain·(b/c)∇q(b x/c) through the target's score. The control is a
 * fixed field: no gradient flows into any table.
 */
public final class GridControlField implements ControlField {
  private final ExactControl exact;

  /** @param exact the tables (computed per requested time on first use) */
  public GridControlField(ExactControl exact) {
    this.exact = exact;
  }

  /** The underlying tables. */
  public ExactControl exact() {
    return exact;
  }

  @Override
  public Operand<TFloating> apply(GraphContext g, double s, Operand<TFloating> x) {
    ExactControl.Level lv = exact.level(s);
    Ops tf = g.tf();
    Operand<TFloating> mean =
        lv.regime() == ExactControl.Regime.TABLE ? interpolate(g, lv.table(), x) : smallNoiseMean(g, lv, x);
    Operand<TFloating> out = Floating.view(tf.math.mul(mean, g.scalar(lv.meanCoef())));
    if (lv.stateCoef() != 0) {
      out = Floating.view(tf.math.add(out, tf.math.mul(x, g.scalar(lv.stateCoef()))));
    }
    return Floating.view(tf.stopGradient(out));
  }

  /** ∇q(b x/c) with q = log ρ (− log p_ref): the target's score plus (z − loc)/var. */
  private Operand<TFloating> smallNoiseMean(GraphContext g, ExactControl.Level lv, Operand<TFloating> x) {
    Ops tf = g.tf();
    GaussianKernel k = lv.coefficients().kernel();
    double ratio = k == null ? 1 : k.b() / k.c();
    Operand<TFloating> z = ratio == 1 ? x : Floating.view(tf.math.mul(x, g.scalar(ratio)));
    Operand<TFloating> grad = exact.target().score(g, z);
    ControlProblem p = exact.problem();
    if (p.usesRatio()) {
      grad = Floating.view(
          tf.math.add(grad, tf.math.mul(tf.math.sub(z, g.scalar(p.refLoc())), g.scalar(1 / p.refVar()))));
    }
    return grad;
  }

  private static Operand<TFloating> interpolate(GraphContext g, Smoothed t, Operand<TFloating> x) {
    Ops tf = g.tf();
    int d = t.dim();
    GridAxis[] ax = t.axes();
    Operand<TFloating> table = g.constant(t.mean(), t.size(), d);
    Operand<TInt32> flatShape = tf.constant(new int[] {-1});
    Operand<TInt32> zero = tf.constant(0);
    Operand<TInt32>[] idx = newIntArray(d);
    Operand<TFloating>[] w = newFloatArray(d);
    for (int j = 0; j < d; j++) {
      Operand<TFloating> col = Floating.view(tf.gather(x, tf.constant(new int[] {j}), tf.constant(1))); // [B,1]
      Operand<TFloating> f =
          Floating.view(tf.math.div(tf.math.sub(col, g.scalar(ax[j].lower())), g.scalar(ax[j].spacing())));
      Operand<TFloating> cell =
          Floating.view(tf.clipByValue(tf.math.floor(f), g.scalar(0), g.scalar(ax[j].points() - 2)));
      w[j] = Floating.view(tf.math.sub(f, cell));
      idx[j] = tf.reshape(tf.dtypes.cast(cell, TInt32.class), flatShape);
    }
    if (d == 1) {
      Operand<TFloating> lo = Floating.view(tf.gather(table, idx[0], zero));
      Operand<TFloating> hi = Floating.view(tf.gather(table, tf.math.add(idx[0], tf.constant(1)), zero));
      return Floating.view(tf.math.add(lo, tf.math.mul(w[0], tf.math.sub(hi, lo))));
    }
    int n1 = ax[1].points();
    Operand<TInt32> base = tf.math.add(tf.math.mul(idx[0], tf.constant(n1)), idx[1]);
    Operand<TFloating> c00 = Floating.view(tf.gather(table, base, zero));
    Operand<TFloating> c01 = Floating.view(tf.gather(table, tf.math.add(base, tf.constant(1)), zero));
    Operand<TFloating> c10 = Floating.view(tf.gather(table, tf.math.add(base, tf.constant(n1)), zero));
    Operand<TFloating> c11 = Floating.view(tf.gather(table, tf.math.add(base, tf.constant(n1 + 1)), zero));
    Operand<TFloating> low = Floating.view(tf.math.add(c00, tf.math.mul(w[1], tf.math.sub(c01, c00))));
    Operand<TFloating> high = Floating.view(tf.math.add(c10, tf.math.mul(w[1], tf.math.sub(c11, c10))));
    return Floating.view(tf.math.add(low, tf.math.mul(w[0], tf.math.sub(high, low))));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TInt32>[] newIntArray(int n) {
    return (Operand<TInt32>[]) new Operand<?>[n];
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloating>[] newFloatArray(int n) {
    return (Operand<TFloating>[]) new Operand<?>[n];
  }
}
