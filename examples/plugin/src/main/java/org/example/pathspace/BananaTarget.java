package org.example.pathspace;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import dev.pathspace.api.numeric.SeededRandom;
import dev.pathspace.api.params.Describe;
import dev.pathspace.api.params.ParamChecks;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The 2-D "banana" (twisted Gaussian) of Haario, Saksman &amp; Tamminen, "Adaptive proposal distribution for
 * random walk Metropolis", Comput. Stat. 1999: y ~ N(0, diag(s1², s2²)) sheared by
 * x = (y1, y2 + b(y1² − s1²)). The shear has Jacobian 1, so with ρ(x) = exp(−x1²/(2s1²) − u²/(2s2²)),
 * u = x2 − b(x1² − s1²), log Z = log(2π s1 s2) exactly; exact samples come from y; mean (0, 0), std
 * (s1, √(s2² + 2b²s1⁴)).
 */
public final class BananaTarget implements Target {
  /**
   * @param s1 std of the first coordinate
   * @param s2 std of the sheared second coordinate
   * @param b curvature of the shear
   */
  public record Params(
      @Describe("std of x1") double s1,
      @Describe("std of x2 around the curve") double s2,
      @Describe("curvature b of the shear x2 += b(x1^2 - s1^2)") double b) {
    /** Validates the values. */
    public Params {
      ParamChecks.positive("s1", s1);
      ParamChecks.positive("s2", s2);
      ParamChecks.finite("b", b);
    }

    /** s1 = 2, s2 = 1, b = 0.25. */
    public static Params defaults() {
      return new Params(2.0, 1.0, 0.25);
    }
  }

  private final Params p;

  /** Creates the target. */
  @Inject
  public BananaTarget(Params p) {
    this.p = p;
  }

  @Override
  public String id() {
    return "banana";
  }

  @Override
  public int dim() {
    return 2;
  }

  private Operand<TFloating> column(GraphContext g, Operand<TFloating> x, int j) {
    Ops tf = g.tf();
    return Floating.view(tf.reshape(
        tf.slice(x, tf.constant(new long[] {0, j}), tf.constant(new long[] {-1, 1})), tf.constant(new long[] {-1})));
  }

  /** u = x2 − b(x1² − s1²), {@code [B]}. */
  private Operand<TFloating> sheared(GraphContext g, Operand<TFloating> x1, Operand<TFloating> x2) {
    Ops tf = g.tf();
    return Floating.view(tf.math.sub(x2,
        tf.math.mul(g.scalar(p.b()), tf.math.sub(tf.math.square(x1), g.scalar(p.s1() * p.s1())))));
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> x1 = column(g, x, 0);
    Operand<TFloating> u = sheared(g, x1, column(g, x, 1));
    return Floating.view(tf.math.neg(tf.math.add(
        tf.math.mul(tf.math.square(x1), g.scalar(0.5 / (p.s1() * p.s1()))),
        tf.math.mul(tf.math.square(u), g.scalar(0.5 / (p.s2() * p.s2()))))));
  }

  /** (−x1/s1² + 2b x1 u/s2², −u/s2²). */
  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> x1 = column(g, x, 0);
    Operand<TFloating> u = sheared(g, x1, column(g, x, 1));
    Operand<TFloating> uScaled = Floating.view(tf.math.mul(u, g.scalar(1 / (p.s2() * p.s2()))));
    Operand<TFloating> d1 = Floating.view(tf.math.add(
        tf.math.mul(x1, g.scalar(-1 / (p.s1() * p.s1()))),
        tf.math.mul(tf.math.mul(x1, uScaled), g.scalar(2 * p.b()))));
    Operand<TFloating> d2 = Floating.view(tf.math.neg(uScaled));
    return Floating.view(tf.stack(java.util.List.of(d1, d2), org.tensorflow.op.core.Stack.axis(1L)));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(Math.log(2 * Math.PI * p.s1() * p.s2()));
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    return Optional.of((n, seed) -> {
      SplittableRandom rng = SeededRandom.stream(seed, "banana/ground-truth");
      double[][] out = new double[n][2];
      for (double[] x : out) {
        double y1 = p.s1() * rng.nextGaussian();
        double y2 = p.s2() * rng.nextGaussian();
        x[0] = y1;
        x[1] = y2 + p.b() * (y1 * y1 - p.s1() * p.s1());
      }
      return out;
    });
  }

  @Override
  public Optional<Moments> moments() {
    double s14 = Math.pow(p.s1(), 4);
    return Optional.of(new Moments(new double[] {0, 0},
        new double[] {p.s1(), Math.sqrt(p.s2() * p.s2() + 2 * p.b() * p.b() * s14)}));
  }

  /** x1 ∈ ±6 s1; x2 from −b s1² − 6 s2 to b·35 s1² + 6 s2 (the curve's range over x1 ∈ ±6 s1). */
  @Override
  public Domain domain() {
    double s1 = p.s1();
    double lo2 = Math.min(-Math.abs(p.b()) * s1 * s1, 35 * p.b() * s1 * s1) - 6 * p.s2();
    double hi2 = Math.max(Math.abs(p.b()) * s1 * s1, 35 * p.b() * s1 * s1) + 6 * p.s2();
    return new Domain(new double[] {-6 * s1, lo2}, new double[] {6 * s1, hi2});
  }
}
