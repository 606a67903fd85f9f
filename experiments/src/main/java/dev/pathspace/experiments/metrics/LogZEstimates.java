package dev.pathspace.experiments.metrics;

/**
 * log Z estimators from the evaluation RNDs (docs/math.md §4.6 and §8, after {@code BaseOCLoss.compute_results} of
 * {@code juliusberner/sde_sampler}): the log weights are log w = −rnd.
 *
 * <ul>
 *   <li>{@code logZLb} = mean(−rnd without the Itô term): the ELBO (run B), a stochastic lower bound on log Z;
 *   <li>{@code logZLbIto} = mean(−rnd with the Itô term) (run A);
 *   <li>{@code logZIs} = logmeanexp(−rnd) (run A), the importance-sampling estimate, computed stably as
 *       m + log(mean exp(log w − m)) with m = max log w;
 *   <li>{@code logWStd} = unbiased (N−1) standard deviation of log w (its square is {@code eval/lv_loss}).
 * </ul>
 *
 * <p>A trajectory is <em>valid</em> when both its rnd values are finite. Invalid trajectories are counted in
 * {@code nNonFinite} and excluded from every estimator here and in {@link EffectiveSampleSize} (so the
 * estimates refer to the valid ones only; a non-zero count must be read as a failure signal). All sums are in
 * double precision.
 */
public final class LogZEstimates {
  private LogZEstimates() {}

  /**
   * The estimates.
   *
   * @param logZLb ELBO estimate (no Itô term)
   * @param logZLbIto lower-bound estimate with the Itô term
   * @param logZIs importance-sampling estimate
   * @param logWStd unbiased standard deviation of the valid log weights
   * @param nEval number of evaluation trajectories
   * @param nNonFinite number of trajectories with a non-finite rnd (excluded)
   * @param logWeights the valid log weights −rnd (Itô included), in order
   */
  public record Result(
      double logZLb, double logZLbIto, double logZIs, double logWStd, int nEval, int nNonFinite, double[] logWeights) {}

  /**
   * Computes the estimates.
   *
   * @param logRnd rnd with the Itô term (run A); required
   * @param logRndNoIto rnd without the Itô term (run B); {@code null} gives a NaN ELBO
   */
  public static Result compute(double[] logRnd, double[] logRndNoIto) {
    if (logRndNoIto != null && logRndNoIto.length != logRnd.length) {
      throw new IllegalArgumentException(
          "logRnd and logRndNoIto differ in length (" + logRnd.length + " vs " + logRndNoIto.length + ")");
    }
    int n = logRnd.length;
    double[] lw = new double[n];
    double[] lwNoIto = new double[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      double a = logRnd[i];
      double b = logRndNoIto == null ? 0.0 : logRndNoIto[i];
      if (Double.isFinite(a) && Double.isFinite(b)) {
        lw[k] = -a;
        lwNoIto[k] = -b;
        k++;
      }
    }
    double[] valid = java.util.Arrays.copyOf(lw, k);
    double lb = logRndNoIto == null ? Double.NaN : mean(java.util.Arrays.copyOf(lwNoIto, k));
    return new Result(lb, mean(valid), logMeanExp(valid), std(valid), n, n - k, valid);
  }

  /** log((1/n) Σ exp v_i), stable (shift by the max); NaN for an empty array. */
  public static double logMeanExp(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (double x : v) {
      s += Math.exp(x - m);
    }
    return m + Math.log(s / v.length);
  }

  /** Arithmetic mean; NaN for an empty array. */
  public static double mean(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Unbiased (N−1) standard deviation, two-pass; NaN for fewer than 2 values. */
  public static double std(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
