package dev.pathspace.targets;

/**
 * The Finnish pines point pattern (126 points rescaled to [0,1]², Møller, Syversveen and Waagepetersen
 * 1998) read from {@code pines.csv}, and its bin counts on a square grid (docs/math.md §7.8).
 */
public final class PinesData {
  private PinesData() {}

  /** The points, {@code [n][2]}. */
  public static double[][] points() {
    CsvTable t = CsvTable.resource("pines.csv");
    int cx = t.column("data_x");
    int cy = t.column("data_y");
    double[][] pts = new double[t.rows()][2];
    for (int r = 0; r < t.rows(); r++) {
      pts[r][0] = t.number(r, cx);
      pts[r][1] = t.number(r, cy);
      for (double v : pts[r]) {
        if (v < 0 || v > 1) {
          throw t.error(r, "coordinate outside [0, 1]: " + v);
        }
      }
    }
    return pts;
  }

  /**
   * Counts per cell of a {@code g × g} grid on [0,1]², flattened row-major (cell (i, j) at i·g + j with i
   * from x, j from y; a coordinate of exactly 1 goes to the last cell), as in the reference code.
   */
  public static double[] binCounts(double[][] points, int g) {
    double[] c = new double[g * g];
    for (double[] p : points) {
      int i = Math.min(g - 1, (int) Math.floor(p[0] * g));
      int j = Math.min(g - 1, (int) Math.floor(p[1] * g));
      c[i * g + j] += 1;
    }
    return c;
  }
}
