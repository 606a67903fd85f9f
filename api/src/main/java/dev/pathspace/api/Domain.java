package dev.pathspace.api;

/**
 * An axis-aligned box used for plots and quadrature.
 *
 * @param lower per-dimension lower bounds
 * @param upper per-dimension upper bounds
 */
public record Domain(double[] lower, double[] upper) {
  /** Validates the bounds. */
  public Domain {
    if (lower.length != upper.length) {
      throw new IllegalArgumentException("lower and upper bounds differ in length");
    }
    for (int i = 0; i < lower.length; i++) {
      if (!(upper[i] > lower[i])) {
        throw new IllegalArgumentException("empty domain in dimension " + i);
      }
    }
    lower = lower.clone();
    upper = upper.clone();
  }

  /** The same interval [lo, hi] in every one of {@code dim} dimensions. */
  public static Domain cube(int dim, double lo, double hi) {
    double[] l = new double[dim];
    double[] u = new double[dim];
    java.util.Arrays.fill(l, lo);
    java.util.Arrays.fill(u, hi);
    return new Domain(l, u);
  }
}
