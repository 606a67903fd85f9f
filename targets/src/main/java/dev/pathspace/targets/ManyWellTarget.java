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
 * Many-well target (docs/math.md §7.5, {@code MultiWell}): log ρ(x) = Σ_{i&lt;m} −((x_i − s)² − δ)² −
 * ½Σ_{i≥m}(x_i − s)², with 2^m modes; the Gaussian factor is unnormalised by design (docs/math.md §12 item 24),
 * so log Z = m·log Z₁(δ) + ½(d − m) log 2π (−0.5410555 for d = m = 5, δ = 4).
 */
public final class ManyWellTarget implements Target {
  /**
   * @param dim dimension d ≥ wells
   * @param wells number m of double-well coordinates (the first m)
   * @param separation δ &gt; 0
   * @param shift s
   */
  public record Params(@Describe("dimension d") int dim, @Describe("number m of double-well coordinates (2^m modes)") int wells, @Describe("well separation δ") double separation, @Describe("shift of the wells") double shift) {
    /** Validates the values. */
    public Params {
      Checks.atLeast("dim", dim, 1);
      Checks.atLeast("wells", wells, 0);
      if (wells > dim) {
        throw new IllegalArgumentException("wells must be <= dim = " + dim + " (got " + wells + ")");
      }
      Checks.positive("separation", separation);
      Checks.finite("shift", shift);
    }

    /** {@code mw.yaml}: d = 5, m = 5, δ = 4, s = 0. */
    public static Params defaults() {
      return new Params(5, 5, 4.0, 0.0);
    }
  }

  private final Params p;
  private final DoubleWell1d well;

  /** Builds the target (runs the 1-D quadrature). */
  @Inject
  public ManyWellTarget(Params p) {
    this.p = p;
    this.well = new DoubleWell1d(p.separation());
  }

  @Override
  public String id() {
    return "many-well";
  }

  @Override
  public int dim() {
    return p.dim();
  }

  private double[] wellMask() {
    double[] m = new double[p.dim()];
    Arrays.fill(m, 0, p.wells(), 1.0);
    return m;
  }

  private double[] gaussMask() {
    double[] m = new double[p.dim()];
    Arrays.fill(m, p.wells(), p.dim(), 1.0);
    return m;
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> dw = Floating.view(tf.math.mul(
        DoubleWellTarget.wellTerms(g, x, p.shift(), p.separation()), TfMath.row(g, wellMask())));
    Operand<TFloating> ga = Floating.view(tf.math.mul(
        tf.math.square(tf.math.sub(x, g.scalar(p.shift()))), TfMath.row(g, gaussMask())));
    return TfMath.rowSum(g, Floating.view(tf.math.sub(dw, tf.math.mul(ga, g.scalar(0.5)))));
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> dw = Floating.view(tf.math.mul(
        DoubleWellTarget.wellScore(g, x, p.shift(), p.separation()), TfMath.row(g, wellMask())));
    Operand<TFloating> ga = Floating.view(tf.math.mul(
        tf.math.sub(x, g.scalar(p.shift())), TfMath.row(g, gaussMask())));
    return Floating.view(tf.math.sub(dw, ga));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(
        p.wells() * well.logZ() + 0.5 * (p.dim() - p.wells()) * Math.log(2 * Math.PI));
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    int d = p.dim();
    return Optional.of(
        (n, seed) -> {
          Well19937c rng = new Well19937c(seed);
          double[][] out = new double[n][d];
          for (int k = 0; k < n; k++) {
            for (int i = 0; i < d; i++) {
              out[k][i] = p.shift() + (i < p.wells() ? well.sample(rng) : rng.nextGaussian());
            }
          }
          return out;
        });
  }

  /** Mean s; std = double-well std (quadrature) for the first m coordinates, 1 for the rest. */
  @Override
  public Optional<Moments> moments() {
    double[] mean = new double[p.dim()];
    double[] std = new double[p.dim()];
    Arrays.fill(mean, p.shift());
    Arrays.fill(std, 1.0);
    Arrays.fill(std, 0, p.wells(), well.std());
    return Optional.of(new Moments(mean, std));
  }

  /** The 2^m mode centres (s ± √δ in the well coordinates, s elsewhere), when m ≤ 12. */
  @Override
  public Optional<double[][]> modes() {
    if (p.wells() > 12) {
      return Optional.empty();
    }
    int count = 1 << p.wells();
    double[][] c = new double[count][p.dim()];
    double r = Math.sqrt(p.separation());
    for (int k = 0; k < count; k++) {
      Arrays.fill(c[k], p.shift());
      for (int i = 0; i < p.wells(); i++) {
        c[k][i] = p.shift() + (((k >> i) & 1) == 0 ? -r : r);
      }
    }
    return Optional.of(c);
  }

  /** s ± (√δ + 2.5) on well coordinates, s ± 5 on Gaussian ones (docs/math.md §7.5). */
  @Override
  public Domain domain() {
    double h = Math.sqrt(p.separation()) + 2.5;
    double[] lo = new double[p.dim()];
    double[] hi = new double[p.dim()];
    for (int i = 0; i < p.dim(); i++) {
      double w = i < p.wells() ? h : 5.0;
      lo[i] = p.shift() - w;
      hi[i] = p.shift() + w;
    }
    return new Domain(lo, hi);
  }
}
