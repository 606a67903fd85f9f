package dev.pathspace.targets;

import java.util.Map;

/**
 * A binary-classification data set prepared for Bayesian logistic regression (Beyond-ELBOs protocol,
 * docs/math.md §7.12): every feature column is standardised to mean 0 and (population) std 1 over the data set,
 * constant columns are only centred (they become 0), and an intercept column of ones is put first.
 * Labels map to y ∈ {−1, +1}.
 *
 * @param file source file name
 * @param features {@code [n][d]} design matrix, column 0 = intercept
 * @param labels {@code [n]} labels in {−1, +1}
 */
public record LogisticData(String file, double[][] features, double[] labels) {
  /** Number of rows n. */
  public int rows() {
    return labels.length;
  }

  /** Number of parameters d (features + intercept). */
  public int params() {
    return features[0].length;
  }

  /**
   * Loads {@code file} from the classpath data folder: the column {@code labelColumn} holds class
   * names mapped by {@code classes} to ±1, every other column must be numeric.
   */
  public static LogisticData load(String file, String labelColumn, Map<String, Double> classes) {
    return from(CsvTable.resource(file), labelColumn, classes);
  }

  /** Builds the data set from a parsed table (see {@link #load}). */
  public static LogisticData from(CsvTable t, String labelColumn, Map<String, Double> classes) {
    int lc = t.column(labelColumn);
    int cols = t.header().size();
    int n = t.rows();
    if (n == 0) {
      throw new CsvFormatException(t.file(), 1, "no data rows");
    }
    int d = cols; // (cols − 1) features + intercept
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int r = 0; r < n; r++) {
      String label = t.text(r, lc).trim();
      Double v = classes.get(label);
      if (v == null) {
        throw t.error(r, "unknown class label '" + label + "' (expected one of " + classes.keySet() + ")");
      }
      y[r] = v;
      x[r][0] = 1.0;
      int j = 1;
      for (int c = 0; c < cols; c++) {
        if (c != lc) {
          x[r][j++] = t.number(r, c);
        }
      }
    }
    for (int j = 1; j < d; j++) {
      double mean = 0;
      for (int r = 0; r < n; r++) {
        mean += x[r][j];
      }
      mean /= n;
      double var = 0;
      for (int r = 0; r < n; r++) {
        var += (x[r][j] - mean) * (x[r][j] - mean);
      }
      double sd = Math.sqrt(var / n);
      for (int r = 0; r < n; r++) {
        x[r][j] = sd > 1e-12 ? (x[r][j] - mean) / sd : x[r][j] - mean;
      }
    }
    return new LogisticData(t.file(), x, y);
  }
}
