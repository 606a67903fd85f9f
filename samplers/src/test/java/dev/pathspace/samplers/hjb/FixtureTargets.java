package dev.pathspace.samplers.hjb;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Target;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Non-Gaussian test targets with the formulas of the {@code targets} module (which samplers may not
 * depend on): the shifted 1-D double well exp(−(x² − δ)²) (δ = 2), the 9-mode grid GMM (means {−5,0,5}²,
 * std √0.3) and three rings exp(−scale·min_k(|x| − R_k)²).
 */
final class FixtureTargets {
  private FixtureTargets() {}

  /** A target from a log-density builder; the score is not used by the table regime. */
  abstract static class Base implements Target {
    private final String id;
    private final int dim;
    private final Domain domain;

    Base(String id, int dim, Domain domain) {
      this.id = id;
      this.dim = dim;
      this.domain = domain;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public int dim() {
      return dim;
    }

    @Override
    public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
      throw new UnsupportedOperationException("fixture has no closed-form score");
    }

    @Override
    public OptionalDouble logZ() {
      return OptionalDouble.empty();
    }

    @Override
    public Domain domain() {
      return domain;
    }
  }

  static Target doubleWell() {
    return new Base("double-well-fixture", 1, Domain.cube(1, -4.5, 4.5)) {
      @Override
      public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
        Ops tf = g.tf();
        Operand<TFloating> a = Floating.view(tf.math.sub(tf.math.square(x), g.scalar(2.0)));
        return Floating.view(tf.math.neg(tf.sum(tf.math.square(a), tf.constant(1))));
      }
    };
  }

  static Target gmm() {
    return new Base("gmm-fixture", 2, Domain.cube(2, -7.74, 7.74)) {
      @Override
      public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
        Ops tf = g.tf();
        double[] means = new double[18];
        int k = 0;
        for (int i = -1; i <= 1; i++) {
          for (int j = -1; j <= 1; j++) {
            means[k++] = 5 * i;
            means[k++] = 5 * j;
          }
        }
        Operand<TFloating> m = g.constant(means, 1, 9, 2);
        Operand<TFloating> diff = Floating.view(tf.math.sub(tf.expandDims(x, tf.constant(1)), m)); // [B,9,2]
        Operand<TFloating> sq = Floating.view(tf.sum(tf.math.square(diff), tf.constant(2))); // [B,9]
        double var = 0.3;
        Operand<TFloating> comp = Floating.view(tf.math.mul(sq, g.scalar(-0.5 / var)));
        double c = -Math.log(9) - Math.log(2 * Math.PI * var);
        Operand<TFloating> m1 = Floating.view(tf.reduceMax(comp, tf.constant(1), org.tensorflow.op.core.ReduceMax.keepDims(true)));
        Operand<TFloating> lse = Floating.view(tf.math.add(tf.reduceSum(m1, tf.constant(1)),
            tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(comp, m1)), tf.constant(1)))));
        return Floating.view(tf.math.add(lse, g.scalar(c)));
      }
    };
  }

  static Target rings() {
    return new Base("rings-fixture", 2, Domain.cube(2, -6.5, 6.5)) {
      @Override
      public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
        Ops tf = g.tf();
        Operand<TFloating> r = Floating.view(tf.math.sqrt(tf.sum(tf.math.square(x), tf.constant(new int[] {1}), org.tensorflow.op.core.Sum.keepDims(true))));
        Operand<TFloating> radii = g.constant(new double[] {1, 3, 5}, 1, 3);
        Operand<TFloating> sq = Floating.view(tf.math.squaredDifference(r, radii));
        return Floating.view(tf.math.mul(tf.min(sq, tf.constant(1)), g.scalar(-10.0)));
      }
    };
  }
}
