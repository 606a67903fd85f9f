package dev.pathspace.testkit;

/** Plain-Java sample statistics for tests. */
public final class Stats {
  private Stats() {}

  /** Sample mean. */
  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Unbiased sample variance. */
  public static double variance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }

  /** Unbiased sample standard deviation. */
  public static double std(double[] v) {
    return Math.sqrt(variance(v));
  }
}
