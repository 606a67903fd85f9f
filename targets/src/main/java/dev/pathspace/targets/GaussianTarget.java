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
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.Well19937c;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Gaussian target ρ = Z·N(loc·1, Σ) (docs/math.md §7.2, {@code gauss_shift}: d = 1, loc 3, scale 1), with
 * Σ = scale²·I or a full covariance given row-major. The log density uses the precision matrix
 * precomputed in Java (Commons Math Cholesky), so no TF linear-algebra op without gradient is needed.
 */
public final class GaussianTarget implements Target {
  /**
   * @param dim dimension d ≥ 1
   * @param loc mean of every coordinate
   * @param scale per-dimension std of the isotropic case (> 0; ignored when a covariance is given)
   * @param logZ log of the total mass Z (0 = normalised)
   * @param covariance empty (isotropic) or d·d row-major entries of a symmetric positive-definite matrix
   */
  public record Params(@Describe("dimension d") int dim, @Describe("mean of every coordinate") double loc, @Describe("std of every coordinate (isotropic)") double scale, @Describe("log of the normaliser Z") double logZ, @Describe("full covariance, d·d row-major values (empty = isotropic)") List<Double> covariance) {
    /** Validates the values. */
    public Params {
      Checks.atLeast("dim", dim, 1);
      Checks.finite("loc", loc);
      Checks.positive("scale", scale);
      Checks.finite("logZ", logZ);
      covariance = covariance == null ? List.of() : List.copyOf(covariance);
      if (!covariance.isEmpty() && covariance.size() != dim * dim) {
        throw new IllegalArgumentException(
            "covariance must be empty or have dim*dim = " + dim * dim + " entries (got "
                + covariance.size() + ")");
      }
    }

    /** Shifted 1-D standard Gaussian N(3, 1), normalised. */
    public static Params defaults() {
      return new Params(1, 3.0, 1.0, 0.0, List.of());
    }
  }

  private final Params p;
  private final double[][] cov;
  private final double[][] chol; // lower triangular L with Σ = L Lᵀ
  private final double[][] precision;
  private final double logNorm; // logZ − ½ log det(2πΣ)

  /** Builds the target; validates a full covariance as symmetric positive definite. */
  @Inject
  public GaussianTarget(Params p) {
    this.p = p;
    int d = p.dim();
    cov = new double[d][d];
    if (p.covariance().isEmpty()) {
      for (int i = 0; i < d; i++) {
        cov[i][i] = p.scale() * p.scale();
      }
    } else {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i][j] = p.covariance().get(i * d + j);
        }
      }
    }
    CholeskyDecomposition cd;
    try {
      cd = new CholeskyDecomposition(new Array2DRowRealMatrix(cov), 1e-12, 1e-14);
    } catch (NonSymmetricMatrixException | NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException(
          "covariance must be symmetric positive definite: " + e.getMessage(), e);
    }
    RealMatrix l = cd.getL();
    chol = l.getData();
    precision = cd.getSolver().getInverse().getData();
    double logDet = 0;
    for (int i = 0; i < d; i++) {
      logDet += 2 * Math.log(chol[i][i]);
    }
    logNorm = p.logZ() - 0.5 * (d * Math.log(2 * Math.PI) + logDet);
  }

  @Override
  public String id() {
    return "gaussian";
  }

  @Override
  public int dim() {
    return p.dim();
  }

  private Operand<TFloating> centred(GraphContext g, Operand<TFloating> x) {
    return Floating.view(g.tf().math.sub(x, g.scalar(p.loc())));
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> y = centred(g, x);
    Operand<TFloating> py = TfMath.matMul(g, y, TfMath.matrix(g, precision));
    Operand<TFloating> quad = TfMath.rowSum(g, Floating.view(tf.math.mul(y, py)));
    return Floating.view(tf.math.add(tf.math.mul(g.scalar(-0.5), quad), g.scalar(logNorm)));
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    return Floating.view(g.tf().math.neg(TfMath.matMul(g, centred(g, x), TfMath.matrix(g, precision))));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(p.logZ());
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    int d = p.dim();
    return Optional.of(
        (n, seed) -> {
          Well19937c rng = new Well19937c(seed);
          double[][] out = new double[n][d];
          double[] z = new double[d];
          for (int s = 0; s < n; s++) {
            for (int i = 0; i < d; i++) {
              z[i] = rng.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
              double v = p.loc();
              for (int j = 0; j <= i; j++) {
                v += chol[i][j] * z[j];
              }
              out[s][i] = v;
            }
          }
          return out;
        });
  }

  @Override
  public Optional<Moments> moments() {
    double[] mean = new double[p.dim()];
    double[] std = new double[p.dim()];
    Arrays.fill(mean, p.loc());
    for (int i = 0; i < p.dim(); i++) {
      std[i] = Math.sqrt(cov[i][i]);
    }
    return Optional.of(new Moments(mean, std));
  }

  /** {@code loc ± 6 std} per dimension. */
  @Override
  public Domain domain() {
    double[] lo = new double[p.dim()];
    double[] hi = new double[p.dim()];
    for (int i = 0; i < p.dim(); i++) {
      double s = Math.sqrt(cov[i][i]);
      lo[i] = p.loc() - 6 * s;
      hi[i] = p.loc() + 6 * s;
    }
    return new Domain(lo, hi);
  }

  /** |loc| above 1e3 or a scale outside [1e-3, 1e3] is far outside what the samplers are tuned for. */
  @Override
  public java.util.List<String> sanityWarnings() {
    java.util.List<String> w = new java.util.ArrayList<>();
    if (Math.abs(p.loc()) > 1e3) {
      w.add("target.loc=" + p.loc() + " is far outside the documented range |loc| <= 1e3: the prior never"
          + " reaches the target's mass, expect a failed or meaningless run");
    }
    if (p.scale() < 1e-3 || p.scale() > 1e3) {
      w.add("target.scale=" + p.scale() + " is outside the documented range [1e-3, 1e3]");
    }
    return w;
  }
}
