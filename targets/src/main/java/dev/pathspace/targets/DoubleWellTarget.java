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
 * Shifted double well (docs/math.md §7.4, {@code dw_shift.yaml}): log ρ(x) = −Σ_i((x_i − s)² − δ)², a product of
 * {@code dim} identical 1-D wells. log Z = dim·log Z₁(δ) by quadrature (0.2930017 for δ = 2).
 */
public final class DoubleWellTarget implements Target {
  /**
   * @param dim number of independent wells (1 in the spec)
   * @param separation δ &gt; 0 (the wells sit at s ± √δ)
   * @param shift s
   */
  public record Params(@Describe("number of independent wells d") int dim, @Describe("well separation δ (wells at s ± √δ)") double separation, @Describe("shift s of the wells") double shift) {
    /** Validates the values. */
    public Params {
      Checks.atLeast("dim", dim, 1);
      Checks.positive("separation", separation);
      Checks.finite("shift", shift);
    }

    /** d = 1, δ = 2, s = 1.5 ({@code dw_shift.yaml}). */
    public static Params defaults() {
      return new Params(1, 2.0, 1.5);
    }
  }

  private final Params p;
  private final DoubleWell1d well;

  /** Builds the target (runs the 1-D quadrature). */
  @Inject
  public DoubleWellTarget(Params p) {
    this.p = p;
    this.well = new DoubleWell1d(p.separation());
  }

  @Override
  public String id() {
    return "double-well";
  }

  @Override
  public int dim() {
    return p.dim();
  }

  /** Per-coordinate −((x − s)² − δ)², {@code [B, d]}. */
  static Operand<TFloating> wellTerms(GraphContext g, Operand<TFloating> x, double shift, double delta) {
    Ops tf = g.tf();
    Operand<TFloating> a = Floating.view(tf.math.sub(tf.math.square(tf.math.sub(x, g.scalar(shift))), g.scalar(delta)));
    return Floating.view(tf.math.neg(tf.math.square(a)));
  }

  /** Per-coordinate derivative −4((x − s)² − δ)(x − s), {@code [B, d]}. */
  static Operand<TFloating> wellScore(GraphContext g, Operand<TFloating> x, double shift, double delta) {
    Ops tf = g.tf();
    Operand<TFloating> y = Floating.view(tf.math.sub(x, g.scalar(shift)));
    Operand<TFloating> a = Floating.view(tf.math.sub(tf.math.square(y), g.scalar(delta)));
    return Floating.view(tf.math.mul(tf.math.mul(a, y), g.scalar(-4.0)));
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    return TfMath.rowSum(g, wellTerms(g, x, p.shift(), p.separation()));
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    return wellScore(g, x, p.shift(), p.separation());
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(p.dim() * well.logZ());
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
              out[k][i] = p.shift() + well.sample(rng);
            }
          }
          return out;
        });
  }

  /** Mean s, std by quadrature (1.354748 for δ = 2). */
  @Override
  public Optional<Moments> moments() {
    double[] mean = new double[p.dim()];
    double[] std = new double[p.dim()];
    Arrays.fill(mean, p.shift());
    Arrays.fill(std, well.std());
    return Optional.of(new Moments(mean, std));
  }

  /** s ± (√δ + 2.5) per dimension (docs/math.md §7.4). */
  @Override
  public Domain domain() {
    double h = Math.sqrt(p.separation()) + 2.5;
    return Domain.cube(p.dim(), p.shift() - h, p.shift() + h);
  }
}
