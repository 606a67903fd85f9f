package dev.pathspace.experiments.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Package-private helpers on sample arrays {@code [n][d]}: finite-row filtering, truncation, pairwise statistics. */
final class Samples {
  private Samples() {}

  /** True when every coordinate of the row is finite. */
  static boolean finiteRow(double[] row) {
    for (double v : row) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** The rows with only finite coordinates, in order (the arrays are shared, not copied). */
  static double[][] finiteRows(double[][] x) {
    List<double[]> out = new ArrayList<>(x.length);
    for (double[] row : x) {
      if (finiteRow(row)) {
        out.add(row);
      }
    }
    return out.toArray(new double[0][]);
  }

  /** The first {@code n} rows (or all when fewer). Rows of iid samples are exchangeable, so this is a random subsample. */
  static double[][] head(double[][] x, int n) {
    return x.length <= n ? x : Arrays.copyOf(x, n);
  }

  /** Squared Euclidean distance. */
  static double sqDist(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double t = a[k] - b[k];
      s += t * t;
    }
    return s;
  }

  /**
   * Median of the squared distances over all distinct pairs of the pooled set made of the first {@code perSide}
   * rows of {@code x} and of {@code y} (the median heuristic, Gretton et al. 2012, JMLR 13, §8).
   */
  static double medianPooledSqDist(double[][] x, double[][] y, int perSide) {
    double[][] hx = head(x, perSide);
    double[][] hy = head(y, perSide);
    double[][] z = new double[hx.length + hy.length][];
    System.arraycopy(hx, 0, z, 0, hx.length);
    System.arraycopy(hy, 0, z, hx.length, hy.length);
    int n = z.length;
    if (n < 2) {
      return Double.NaN;
    }
    double[] d = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        d[k++] = sqDist(z[i], z[j]);
      }
    }
    Arrays.sort(d);
    int m = d.length;
    return (m % 2 == 1) ? d[m / 2] : 0.5 * (d[m / 2 - 1] + d[m / 2]);
  }

  /** Squared diameter of the bounding box of both sets: Σ_k (max_k − min_k)². */
  static double sqBoxDiameter(double[][] x, double[][] y) {
    int d = x[0].length;
    double s = 0;
    for (int k = 0; k < d; k++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[][] set : new double[][][] {x, y}) {
        for (double[] row : set) {
          lo = Math.min(lo, row[k]);
          hi = Math.max(hi, row[k]);
        }
      }
      s += (hi - lo) * (hi - lo);
    }
    return s;
  }

  /** Throws unless both sets are non-empty with the same row length. */
  static void checkPair(double[][] x, double[][] y) {
    if (x.length == 0 || y.length == 0) {
      throw new IllegalArgumentException("both sample sets must be non-empty (got " + x.length + " and " + y.length + ")");
    }
    if (x[0].length != y[0].length) {
      throw new IllegalArgumentException(
          "sample dimensions differ (" + x[0].length + " vs " + y[0].length + ")");
    }
  }
}
