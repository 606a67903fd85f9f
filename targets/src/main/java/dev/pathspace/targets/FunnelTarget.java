package dev.pathspace.targets;

import dev.pathspace.api.params.Describe;
import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.random.Well19937c;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Neal's funnel (docs/math.md §7.3): log ρ(x) = log N(x_0; 0, v) + Σ_{i≥1} log N(x_i; 0, e^{x_0}); normalised
 * (log Z = 0). Score ∂_0 = −x_0/v − (d−1)/2 + ½Σx_i² e^{−x_0}, ∂_i = −x_i e^{−x_0}.
 */
public final class FunnelTarget implements Target {
  /**
   * @param dim dimension d ≥ 2
   * @param variance variance v of x_0 (9 → std 3)
   */
  public record Params(@Describe("dimension d ≥ 2") int dim, @Describe("variance of x0 (η² = 9 in Neal's funnel)") double variance) {
    /** Validates the values. */
    public Params {
      Checks.atLeast("dim", dim, 2);
      Checks.positive("variance", variance);
    }

    /** d = 10, v = 9. */
    public static Params defaults() {
      return new Params(10, 9.0);
    }
  }

  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private final Params p;

  /** Builds the target. */
  @Inject
  public FunnelTarget(Params p) {
    this.p = p;
  }

  @Override
  public String id() {
    return "funnel";
  }

  @Override
  public int dim() {
    return p.dim();
  }

  private double[] first() {
    double[] e = new double[p.dim()];
    e[0] = 1;
    return e;
  }

  private double[] rest() {
    double[] m = new double[p.dim()];
    Arrays.fill(m, 1);
    m[0] = 0;
    return m;
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    int d = p.dim();
    double v = p.variance();
    Operand<TFloating> x0 = TfMath.rowSum(g, Floating.view(tf.math.mul(x, TfMath.row(g, first()))));
    Operand<TFloating> rs = TfMath.rowSum(g, Floating.view(tf.math.mul(tf.math.square(x), TfMath.row(g, rest()))));
    Operand<TFloating> a = Floating.view(tf.math.mul(tf.math.square(x0), g.scalar(-0.5 / v)));
    Operand<TFloating> b = Floating.view(tf.math.mul(rs, tf.math.mul(tf.math.exp(tf.math.neg(x0)), g.scalar(-0.5))));
    Operand<TFloating> c = Floating.view(tf.math.mul(x0, g.scalar(-0.5 * (d - 1))));
    double k = -0.5 * Math.log(2 * Math.PI * v) - 0.5 * (d - 1) * LOG_2PI;
    return Floating.view(tf.math.add(tf.math.add(tf.math.add(a, b), c), g.scalar(k)));
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    int d = p.dim();
    Operand<TFloating> e0 = TfMath.row(g, first());
    Operand<TFloating> mr = TfMath.row(g, rest());
    Operand<TFloating> x0 = TfMath.rowSumKeep(g, Floating.view(tf.math.mul(x, e0))); // [B,1]
    Operand<TFloating> emx = Floating.view(tf.math.exp(tf.math.neg(x0)));
    Operand<TFloating> rs = TfMath.rowSumKeep(g, Floating.view(tf.math.mul(tf.math.square(x), mr)));
    Operand<TFloating> d0 =
        Floating.view(tf.math.add(
            tf.math.add(tf.math.mul(x0, g.scalar(-1.0 / p.variance())), g.scalar(-0.5 * (d - 1))),
            tf.math.mul(tf.math.mul(rs, emx), g.scalar(0.5))));
    Operand<TFloating> di = Floating.view(tf.math.neg(tf.math.mul(tf.math.mul(x, mr), emx)));
    return Floating.view(tf.math.add(tf.math.mul(d0, e0), di));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(0.0);
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    int d = p.dim();
    double sd0 = Math.sqrt(p.variance());
    return Optional.of(
        (n, seed) -> {
          Well19937c rng = new Well19937c(seed);
          double[][] out = new double[n][d];
          for (int k = 0; k < n; k++) {
            double x0 = sd0 * rng.nextGaussian();
            out[k][0] = x0;
            double sd = Math.exp(0.5 * x0);
            for (int i = 1; i < d; i++) {
              out[k][i] = sd * rng.nextGaussian();
            }
          }
          return out;
        });
  }

  /** Mean 0; std √v for x_0 and √E[e^{x_0}] = exp(v/4) for the others. */
  @Override
  public Optional<Moments> moments() {
    double[] std = new double[p.dim()];
    Arrays.fill(std, Math.exp(p.variance() / 4));
    std[0] = Math.sqrt(p.variance());
    return Optional.of(new Moments(new double[p.dim()], std));
  }

  /** x_0 ∈ ±5√v (±15 for v = 9), others ±20 (docs/math.md §7.3: ±e³). */
  @Override
  public Domain domain() {
    Domain c = Domain.cube(p.dim(), -20, 20);
    double[] lo = c.lower();
    double[] hi = c.upper();
    lo[0] = -5 * Math.sqrt(p.variance());
    hi[0] = 5 * Math.sqrt(p.variance());
    return new Domain(lo, hi);
  }

  /** Neal's funnel is documented with variance 9 (η = 3); above 100 the neck spans e^{±30} scales. */
  @Override
  public java.util.List<String> sanityWarnings() {
    return p.variance() > 100
        ? java.util.List.of("target.variance=" + p.variance() + " is far outside the documented range (9; at most"
            + " 100): x_i ~ N(0, e^{x_0}) then spans more than e^{±30} and float32 over/underflows")
        : java.util.List.of();
  }
}
