package dev.pathspace.experiments.metrics;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** Test fake: ρ = Z · N(mean, s² I) with exact sampling, analytic moments and optional mode centres. */
class GaussTarget implements Target {
  private final double[] mean;
  private final double s;
  private final double logZ;
  private final double[][] modes;

  GaussTarget(double[] mean, double s, double logZ, double[][] modes) {
    this.mean = mean.clone();
    this.s = s;
    this.logZ = logZ;
    this.modes = modes;
  }

  /** n iid rows of N(mean, s² I) from seed. */
  static double[][] sample(double[] mean, double s, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][mean.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < mean.length; j++) {
        x[i][j] = mean[j] + s * gauss(r);
      }
    }
    return x;
  }

  static double gauss(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Override
  public String id() {
    return "test-gauss";
  }

  @Override
  public int dim() {
    return mean.length;
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    var tf = g.tf();
    Operand<TFloating> z = Floating.view(tf.math.div(tf.math.sub(x, g.constant(mean, 1, mean.length)), g.scalar(s)));
    double c = logZ - mean.length * Math.log(s * Math.sqrt(2 * Math.PI));
    return Floating.view(tf.math.add(tf.math.mul(g.scalar(-0.5), tf.sum(tf.math.square(z), tf.constant(1))), g.scalar(c)));
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    var tf = g.tf();
    return Floating.view(tf.math.div(tf.math.sub(g.constant(mean, 1, mean.length), x), g.scalar(s * s)));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(logZ);
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    return Optional.of((n, seed) -> sample(mean, s, n, seed));
  }

  @Override
  public Optional<Moments> moments() {
    double[] std = new double[mean.length];
    java.util.Arrays.fill(std, s);
    return Optional.of(new Moments(mean, std));
  }

  @Override
  public Optional<double[][]> modes() {
    return Optional.ofNullable(modes);
  }

  @Override
  public Domain domain() {
    return Domain.cube(mean.length, -10, 10);
  }
}
