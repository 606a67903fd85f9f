package dev.pathspace.api;

/**
 * Ground-truth per-dimension mean and standard deviation of a target (analytic or from exact samples).
 *
 * @param mean per-dimension mean
 * @param std per-dimension standard deviation
 */
public record Moments(double[] mean, double[] std) {
  /** Copies the arrays. */
  public Moments {
    mean = mean.clone();
    std = std.clone();
  }
}
