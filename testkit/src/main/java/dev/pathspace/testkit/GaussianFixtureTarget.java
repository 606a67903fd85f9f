package dev.pathspace.testkit;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Test fixture: ρ(x) = Z · N(x; m, S² I) in d dimensions, with analytic log Z, score, moments and exact
 * samples. Used by the analytic optimal-control contracts.
 */
public final class GaussianFixtureTarget implements Target {
  private final int dim;
  private final double mean;
  private final double std;
  private final double logZ;

  /**
   * @param dim d
   * @param mean m (every coordinate)
   * @param std S
   * @param logZ log Z
   */
  public GaussianFixtureTarget(int dim, double mean, double std, double logZ) {
    this.dim = dim;
    this.mean = mean;
    this.std = std;
    this.logZ = logZ;
  }

  /** m. */
  public double mean() {
    return mean;
  }

  /** S. */
  public double std() {
    return std;
  }

  @Override
  public String id() {
    return "gaussian-fixture";
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> z = Floating.view(tf.math.div(tf.math.sub(x, g.scalar(mean)), g.scalar(std)));
    double c = logZ - 0.5 * dim * Math.log(2 * Math.PI) - dim * Math.log(std);
    return Floating.view(tf.math.add(tf.math.mul(tf.sum(tf.math.square(z), tf.constant(1)), g.scalar(-0.5)), g.scalar(c)));
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    return Floating.view(tf.math.mul(tf.math.sub(g.scalar(mean), x), g.scalar(1 / (std * std))));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(logZ);
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    return Optional.of(
        (n, seed) -> {
          SplittableRandom r = new SplittableRandom(seed);
          double[][] out = new double[n][dim];
          for (double[] row : out) {
            for (int j = 0; j < dim; j++) {
              double u1 = Math.max(r.nextDouble(), 1e-300);
              row[j] = mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
            }
          }
          return out;
        });
  }

  @Override
  public Optional<Moments> moments() {
    double[] m = new double[dim];
    double[] s = new double[dim];
    Arrays.fill(m, mean);
    Arrays.fill(s, std);
    return Optional.of(new Moments(m, s));
  }

  @Override
  public Domain domain() {
    return Domain.cube(dim, mean - 5 * std, mean + 5 * std);
  }
}
