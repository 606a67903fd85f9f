package dev.pathspace.api.numeric;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.params.InvalidParameterException;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * In-graph filtering of a {@code [B]} batch such as per-trajectory log-RND values (docs/math.md §4.0
 * {@code filter}): an entry is kept iff it is finite and {@code < maxLogRnd}. Unlike the reference
 * (one-sided test, docs/math.md §12.21) −inf is removed too. Public so that plug-in divergences and metrics
 * filter exactly as the built-in ones do.
 *
 * <p>The mask is computed on a stop-gradient copy (comparison ops are then off the gradient path), and
 * {@link #safe} selects the kept entries <em>before</em> any arithmetic: removed entries become exact zeros
 * whose upstream gradient is exactly 0 (the "double-where" trick), so NaN/inf never reach the gradient of
 * the loss. All counts are floating scalars of the run's dtype.
 */
public final class NonFiniteFilter {
  /** Keep mask, {@code [B]} bool. */
  public final Operand<TBool> keep;
  /** Keep mask as 1/0, {@code [B]}. */
  public final Operand<TFloating> keepF;
  /** The rnd with removed entries replaced by 0 (gradient-safe), {@code [B]}. */
  public final Operand<TFloating> safe;
  /** Number of kept entries (scalar). */
  public final Operand<TFloating> count;
  /** Number of removed entries (scalar). */
  public final Operand<TFloating> removed;

  private NonFiniteFilter(GraphContext g, Operand<TFloating> rnd, double maxLogRnd) {
    Ops tf = g.tf();
    Operand<TFloating> frozen = Floating.view(tf.stopGradient(rnd));
    Operand<TBool> k = tf.math.isFinite(frozen);
    if (maxLogRnd < Double.POSITIVE_INFINITY) {
      k = tf.math.logicalAnd(k, tf.math.less(frozen, g.scalar(maxLogRnd)));
    }
    keep = k;
    keepF = g.cast(keep);
    safe = Floating.view(tf.select(keep, rnd, Floating.view(tf.zerosLike(frozen))));
    count = Floating.view(tf.sum(keepF, tf.constant(0)));
    removed = Floating.view(tf.sum(Floating.view(tf.math.sub(g.scalar(1), keepF)), tf.constant(0)));
  }

  /** Filters {@code rnd} ({@code [B]}); {@code maxLogRnd = +inf} removes only non-finite entries. */
  public static NonFiniteFilter of(GraphContext g, Operand<TFloating> rnd, double maxLogRnd) {
    return new NonFiniteFilter(g, rnd, maxLogRnd);
  }

  /**
   * {@code loss} if at least {@code min} entries were kept, else NaN: a batch whose entries were
   * (almost) all filtered must not look like a perfect zero loss — the trainer detects the NaN, skips
   * and reports the step, and aborts after {@code train.maxSkips} consecutive ones.
   */
  public Operand<TFloating> nanUnlessKept(GraphContext g, Operand<TFloating> loss, double min) {
    return nanUnless(g, loss, count, min);
  }

  /** {@code loss} if {@code n >= min}, else NaN. */
  public static Operand<TFloating> nanUnless(GraphContext g, Operand<TFloating> loss, Operand<TFloating> n, double min) {
    return Floating.view(g.tf().select(
        g.tf().math.greaterEqual(n, g.scalar(min)), loss, Floating.view(g.tf().math.mul(g.scalar(Double.NaN), g.tf().stopGradient(loss)))));
  }

  /** max(x, 1), a safe denominator. */
  public static Operand<TFloating> atLeastOne(GraphContext g, Operand<TFloating> x) {
    return Floating.view(g.tf().math.maximum(x, g.scalar(1)));
  }

  /** Mean of the kept entries (0 if none are kept). */
  public Operand<TFloating> keptMean(GraphContext g) {
    return Floating.view(g.tf().math.div(Floating.view(g.tf().sum(safe, g.tf().constant(0))), atLeastOne(g, count)));
  }

  /** Validates a {@code maxLogRnd}-type threshold parameter named {@code name}: any number or +inf, not NaN. */
  public static void validateMax(String name, double maxLogRnd) {
    if (Double.isNaN(maxLogRnd)) {
      throw new InvalidParameterException(name, maxLogRnd, "a number or +Infinity");
    }
  }
}
