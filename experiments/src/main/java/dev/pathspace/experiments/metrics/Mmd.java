package dev.pathspace.experiments.metrics;

import jakarta.inject.Inject;

/**
 * Squared maximum mean discrepancy with a Gaussian (RBF) kernel k(x, y) = exp(−|x − y|²/(2h²)), unbiased
 * U-statistic estimator (Gretton et al. 2012, "A kernel two-sample test", JMLR 13, Lemma 6):
 *
 * <p>MMD²_u = 1/(n(n−1)) Σ_{i≠j} k(x_i, x_j) + 1/(m(m−1)) Σ_{i≠j} k(y_i, y_j) − 2/(nm) Σ_{i,j} k(x_i, y_j).
 *
 * <p>The bandwidth follows the median heuristic (ibid. §8; used by Beyond ELBOs, docs/math.md §8): h² = median of the
 * squared pairwise distances of the pooled sample (estimated on the first {@code bandwidthPoints} rows of
 * each side). The unbiased estimate can be slightly negative when both laws agree. Plain Java, O(n² d).
 */
public final class Mmd {
  /**
   * Parameters.
   *
   * @param maxPoints rows used per side (first rows of each set)
   * @param bandwidthPoints rows per side used for the median heuristic
   */
  public record Params(int maxPoints, int bandwidthPoints) {
    /** Validates the values. */
    public Params {
      if (maxPoints < 2) {
        throw new IllegalArgumentException("maxPoints must be >= 2 (got " + maxPoints + ")");
      }
      if (bandwidthPoints < 2) {
        throw new IllegalArgumentException("bandwidthPoints must be >= 2 (got " + bandwidthPoints + ")");
      }
    }
  }

  /** maxPoints 2000, bandwidthPoints 500. */
  public static Params defaults() {
    return new Params(2000, 500);
  }

  private final Params params;

  /** An MMD estimator with the given parameters. */
  @Inject
  public Mmd(Params params) {
    this.params = params;
  }

  /** MMD²_u between the finite rows of {@code x} and {@code y}, median-heuristic bandwidth. */
  public double compute(double[][] x, double[][] y) {
    double[][] a = Samples.head(Samples.finiteRows(x), params.maxPoints());
    double[][] b = Samples.head(Samples.finiteRows(y), params.maxPoints());
    Samples.checkPair(a, b);
    double h2 = Samples.medianPooledSqDist(a, b, params.bandwidthPoints());
    if (!(h2 > 0)) {
      h2 = 1.0; // all pooled points coincide: every kernel value is 1 and MMD² = 0 for any bandwidth
    }
    return compute(a, b, h2);
  }

  /** MMD²_u with a fixed squared bandwidth h² (kernel exp(−|x − y|²/(2h²))). */
  public static double compute(double[][] x, double[][] y, double h2) {
    Samples.checkPair(x, y);
    if (x.length < 2 || y.length < 2) {
      throw new IllegalArgumentException("the unbiased MMD needs >= 2 rows per side");
    }
    double g = -0.5 / h2;
    double kxx = offDiagonalSum(x, g) / ((double) x.length * (x.length - 1));
    double kyy = offDiagonalSum(y, g) / ((double) y.length * (y.length - 1));
    double kxy = 0;
    for (double[] xi : x) {
      for (double[] yj : y) {
        kxy += Math.exp(g * Samples.sqDist(xi, yj));
      }
    }
    kxy /= (double) x.length * y.length;
    return kxx + kyy - 2 * kxy;
  }

  private static double offDiagonalSum(double[][] x, double g) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        s += Math.exp(g * Samples.sqDist(x[i], x[j]));
      }
    }
    return 2 * s;
  }
}
