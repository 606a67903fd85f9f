package dev.pathspace.experiments.metrics;

import jakarta.inject.Inject;

/**
 * Mode coverage of samples for targets with known mode centres c_1..c_K.
 *
 * <p>Each finite sample is assigned to its nearest centre (Euclidean; for equal-weight isotropic mixtures
 * this is the argmax of the component log-probability used by Beyond ELBOs, Blessing et al. 2024, docs/math.md §8).
 * With n_k the count of mode k and n = Σ n_k:
 *
 * <ul>
 *   <li>{@code modesFound} = #{k : n_k ≥ τ} with threshold τ = max(minCount, minShare · n/K), i.e. a mode
 *       counts as found when it holds at least {@code minCount} samples and at least the fraction
 *       {@code minShare} of its fair share n/K;
 *   <li>{@code emc} = −Σ_k p_k log p_k / log K with p_k = n_k/n (entropic mode coverage, Blessing et al.
 *       2024): 1 for perfectly balanced coverage, 0 when all samples sit in one mode (defined as 1 for K = 1).
 * </ul>
 */
public final class ModeCoverage {
  /**
   * Parameters.
   *
   * @param minCount minimum number of samples for a mode to count as found
   * @param minShare minimum fraction of the fair share n/K for a mode to count as found
   */
  public record Params(int minCount, double minShare) {
    /** Validates the values. */
    public Params {
      if (minCount < 1) {
        throw new IllegalArgumentException("minCount must be >= 1 (got " + minCount + ")");
      }
      if (!(minShare >= 0 && minShare <= 1)) {
        throw new IllegalArgumentException("minShare must be in [0, 1] (got " + minShare + ")");
      }
    }
  }

  /** minCount 5, minShare 0.01. */
  public static Params defaults() {
    return new Params(5, 0.01);
  }

  /**
   * The coverage.
   *
   * @param modesFound modes holding at least the threshold
   * @param modesTotal K
   * @param emc entropic mode coverage in [0, 1]
   * @param counts per-mode counts n_k
   */
  public record Result(int modesFound, int modesTotal, double emc, long[] counts) {}

  private final Params params;

  /** A mode-coverage metric with the given parameters. */
  @Inject
  public ModeCoverage(Params params) {
    this.params = params;
  }

  /** Coverage of {@code samples} over the mode {@code centres} {@code [K][d]}. */
  public Result compute(double[][] samples, double[][] centres) {
    int k = centres.length;
    if (k == 0) {
      throw new IllegalArgumentException("centres must be non-empty");
    }
    long[] counts = new long[k];
    long n = 0;
    for (double[] x : samples) {
      if (!Samples.finiteRow(x)) {
        continue;
      }
      if (x.length != centres[0].length) {
        throw new IllegalArgumentException("sample dimension " + x.length + " vs centres " + centres[0].length);
      }
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double dd = Samples.sqDist(x, centres[c]);
        if (dd < bestD) {
          bestD = dd;
          best = c;
        }
      }
      counts[best]++;
      n++;
    }
    if (n == 0) {
      return new Result(0, k, Double.NaN, counts);
    }
    double tau = Math.max(params.minCount(), params.minShare() * n / k);
    int found = 0;
    double h = 0;
    for (long c : counts) {
      if (c >= tau) {
        found++;
      }
      if (c > 0) {
        double p = (double) c / n;
        h -= p * Math.log(p);
      }
    }
    double emc = k == 1 ? 1.0 : Math.max(0.0, h / Math.log(k));
    return new Result(found, k, emc, counts);
  }
}
