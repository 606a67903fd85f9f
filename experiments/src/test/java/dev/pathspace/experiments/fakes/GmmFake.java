package dev.pathspace.experiments.fakes;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Test target "gmm": equal-weight isotropic Gaussian mixture with modes on a ring (2-D) or grid, log Z = 0.
 * Its log density is a real TF graph (used by the plot tests).
 */
public final class GmmFake implements Target {
  /** Mode layout. */
  public enum Layout { RING, GRID }

  /** Parameters. */
  public record Params(int dim, int modes, double radius, double std, Layout layout, List<Double> weights) {
    /** Validates. */
    public Params {
      if (dim < 1) {
        throw new IllegalArgumentException("dim must be >= 1 (got " + dim + ")");
      }
      if (layout == Layout.GRID && dim != 2) {
        throw new IllegalArgumentException("dim must be 2 for layout grid (got " + dim + ")");
      }
      weights = List.copyOf(weights);
    }

    /** Defaults. */
    public static Params defaults() {
      return new Params(2, 8, 5.0, 0.6, Layout.RING, List.of());
    }
  }

  private final Params p;
  private final double[][] means;

  @Inject
  public GmmFake(Params params) {
    this.p = params;
    means = new double[p.modes()][p.dim()];
    for (int k = 0; k < p.modes(); k++) {
      double a = 2 * Math.PI * k / p.modes();
      means[k][0] = p.radius() * Math.cos(a);
      if (p.dim() > 1) {
        means[k][1] = p.radius() * Math.sin(a);
      }
    }
  }

  @Override
  public String id() {
    return "gmm";
  }

  @Override
  public int dim() {
    return p.dim();
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    int d = p.dim();
    double norm = -Math.log(p.modes()) - 0.5 * d * Math.log(2 * Math.PI * p.std() * p.std());
    Operand<TFloating> logs = null;
    for (int k = 0; k < p.modes(); k++) {
      Operand<TFloating> z = Floating.view(tf.math.div(tf.math.sub(x, g.constant(means[k], 1, d)), g.scalar(p.std())));
      Operand<TFloating> lk = Floating.view(tf.expandDims(
          tf.math.mul(g.scalar(-0.5), tf.reduceSum(tf.math.square(z), tf.constant(1))), tf.constant(1)));
      logs = logs == null ? lk : Floating.view(tf.concat(List.of(logs, lk), tf.constant(1)));
    }
    Operand<TFloating> max = Floating.view(tf.reduceMax(logs, tf.constant(1), org.tensorflow.op.core.ReduceMax.keepDims(true)));
    Operand<TFloating> lse = Floating.view(tf.math.add(
        tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(logs, max)), tf.constant(1))),
        tf.reshape(max, tf.constant(new long[] {-1}))));
    return Floating.view(tf.math.add(lse, g.scalar(norm)));
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    throw new UnsupportedOperationException();
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(0.0);
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    return Optional.of((n, seed) -> sample(n, seed));
  }

  /** Exact samples. */
  public double[][] sample(int n, long seed) {
    Random r = new Random(seed);
    double[][] out = new double[n][p.dim()];
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(p.modes());
      for (int j = 0; j < p.dim(); j++) {
        out[i][j] = means[k][j] + p.std() * r.nextGaussian();
      }
    }
    return out;
  }

  @Override
  public Domain domain() {
    double r = p.radius() + 4 * p.std();
    return Domain.cube(p.dim(), -r, r);
  }
}
