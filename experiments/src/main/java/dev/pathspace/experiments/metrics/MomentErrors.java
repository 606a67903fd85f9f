package dev.pathspace.experiments.metrics;

import dev.pathspace.api.Moments;

/**
 * Per-dimension moment errors of samples against the target's mean and standard deviation (docs/math.md §8
 * "Standard deviations": σ̂_j is the unbiased (N−1) per-dimension sample std and
 * {@code error/avg_marginal_stddev} = mean_j |σ̂_j − σ_j|, the "Δstd" of the papers).
 *
 * <ul>
 *   <li>{@code meanError} = mean_j |μ̂_j − μ_j|;
 *   <li>{@code stdError} = mean_j |σ̂_j − σ_j|;
 *   <li>IS-weighted variants (self-normalised importance sampling, as the {@code eval/<fn>_is} expectations
 *       of docs/math.md §8): μ̂^w_j = Σ w_i x_ij / Σ w_i and σ̂^w_j = sqrt(Σ w_i (x_ij − μ̂^w_j)² / Σ w_i) (no
 *       small-sample correction).
 * </ul>
 * Rows with a non-finite coordinate are skipped (and, for the weighted variant, rows whose log weight is
 * non-finite); the number used is reported.
 */
public final class MomentErrors {
  private MomentErrors() {}

  /**
   * The errors.
   *
   * @param meanError mean_j |μ̂_j − μ_j|
   * @param stdError mean_j |σ̂_j − σ_j|
   * @param meanErrorIs IS-weighted mean error (NaN without weights)
   * @param stdErrorIs IS-weighted std error (NaN without weights)
   * @param sampleMean μ̂
   * @param sampleStd σ̂ (unbiased)
   * @param used number of rows used for the unweighted statistics
   */
  public record Result(
      double meanError,
      double stdError,
      double meanErrorIs,
      double stdErrorIs,
      double[] sampleMean,
      double[] sampleStd,
      int used) {}

  /** Per-dimension mean and unbiased std of the finite rows of {@code x} (two-pass). */
  public static Moments estimate(double[][] x) {
    double[][] f = Samples.finiteRows(x);
    if (f.length == 0) {
      throw new IllegalArgumentException("no finite samples to estimate moments from");
    }
    int d = f[0].length;
    double[] mean = new double[d];
    double[] std = new double[d];
    for (double[] row : f) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= f.length;
    }
    for (double[] row : f) {
      for (int j = 0; j < d; j++) {
        std[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = f.length < 2 ? Double.NaN : Math.sqrt(std[j] / (f.length - 1));
    }
    return new Moments(mean, std);
  }

  /**
   * Computes the errors.
   *
   * @param samples model samples {@code [M][d]}
   * @param logWeights per-sample log weights aligned with {@code samples}, or {@code null} for no IS variant
   * @param truth target moments
   */
  public static Result compute(double[][] samples, double[] logWeights, Moments truth) {
    int d = truth.mean().length;
    if (samples.length > 0 && samples[0].length != d) {
      throw new IllegalArgumentException("samples have dimension " + samples[0].length + ", moments " + d);
    }
    Moments est = estimate(samples);
    double me = meanAbsDiff(est.mean(), truth.mean());
    double se = meanAbsDiff(est.std(), truth.std());
    double meIs = Double.NaN;
    double seIs = Double.NaN;
    if (logWeights != null) {
      if (logWeights.length != samples.length) {
        throw new IllegalArgumentException(
            "logWeights has " + logWeights.length + " entries for " + samples.length + " samples");
      }
      Moments w = weighted(samples, logWeights);
      if (w != null) {
        meIs = meanAbsDiff(w.mean(), truth.mean());
        seIs = meanAbsDiff(w.std(), truth.std());
      }
    }
    return new Result(me, se, meIs, seIs, est.mean(), est.std(), Samples.finiteRows(samples).length);
  }

  /** Self-normalised IS mean and std (weights exp(log w − max)); null when no row is usable. */
  static Moments weighted(double[][] x, double[] logW) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(logW[i]) && Samples.finiteRow(x[i])) {
        m = Math.max(m, logW[i]);
      }
    }
    if (m == Double.NEGATIVE_INFINITY) {
      return null;
    }
    int d = x[0].length;
    double[] w = new double[x.length];
    double sw = 0;
    double[] mean = new double[d];
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(logW[i]) && Samples.finiteRow(x[i])) {
        w[i] = Math.exp(logW[i] - m);
        sw += w[i];
        for (int j = 0; j < d; j++) {
          mean[j] += w[i] * x[i][j];
        }
      }
    }
    double[] var = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] /= sw;
    }
    for (int i = 0; i < x.length; i++) {
      if (w[i] > 0) {
        for (int j = 0; j < d; j++) {
          double t = x[i][j] - mean[j];
          var[j] += w[i] * t * t;
        }
      }
    }
    for (int j = 0; j < d; j++) {
      var[j] = Math.sqrt(var[j] / sw);
    }
    return new Moments(mean, var);
  }

  private static double meanAbsDiff(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += Math.abs(a[j] - b[j]);
    }
    return s / a.length;
  }
}
