package dev.pathspace.experiments.metrics;

/**
 * Reverse effective sample size of self-normalised importance weights w_i = exp(log w_i) (Kong 1992; docs/math.md §8
 * {@code eval/effective_sample_size} and {@code eval/norm_effective_sample_size}; Beyond ELBOs, Blessing et
 * al. 2024, reverse ESS): ESS = (Σw)²/Σw², normalised ESS = ESS/M ∈ [1/M, 1].
 *
 * <p>Stable for any range of log weights: with m = max log w, w̃ = exp(log w − m) ∈ (0, 1] and the ratio is
 * invariant under the common factor e^m. Only finite log weights are accepted (filter them first, see
 * {@link LogZEstimates}).
 */
public final class EffectiveSampleSize {
  private EffectiveSampleSize() {}

  /**
   * The ESS.
   *
   * @param normalised (Σw)²/(M Σw²) in [1/M, 1]
   * @param count (Σw)²/Σw² in [1, M]
   */
  public record Result(double normalised, double count) {}

  /** ESS of the given finite log weights; NaN for an empty array. */
  public static Result fromLogWeights(double[] logW) {
    int n = logW.length;
    if (n == 0) {
      return new Result(Double.NaN, Double.NaN);
    }
    double m = Double.NEGATIVE_INFINITY;
    for (double v : logW) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("log weights must be finite (got " + v + ")");
      }
      m = Math.max(m, v);
    }
    double s1 = 0;
    double s2 = 0;
    for (double v : logW) {
      double w = Math.exp(v - m);
      s1 += w;
      s2 += w * w;
    }
    double count = s1 * s1 / s2;
    return new Result(count / n, count);
  }
}
