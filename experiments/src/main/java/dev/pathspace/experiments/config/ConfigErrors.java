package dev.pathspace.experiments.config;

import java.util.Collection;
import java.util.List;

/** Helpers for uniform configuration error messages. */
public final class ConfigErrors {
  private ConfigErrors() {}

  /** The keys prefixed and sorted, formatted as {@code [a, b, c]}. */
  public static String sortedKeys(String prefix, Collection<String> keys) {
    List<String> l = keys.stream().map(k -> prefix + k).sorted().toList();
    return l.toString();
  }

  /**
   * {@code "; did you mean 'train.steps'?"} for the candidate closest to {@code given} when it is a near
   * miss (edit distance, counting a swap of neighbours as one edit, at most 2, or at most a third of the
   * key's length for long keys), else the empty string.
   */
  public static String didYouMean(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates.stream().sorted().toList()) {
      int d = distance(given.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.max(2, given.length() / 3);
    return best != null && bestDistance > 0 && bestDistance <= allowed ? "; did you mean '" + best + "'?" : "";
  }

  /** Optimal-string-alignment distance (Levenshtein plus transpositions of adjacent characters). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** The rule to report for a numeric value: "must be finite" for NaN/±inf, else {@code rule}. */
  static String finiteOr(Object value, String rule) {
    if (value instanceof Double v && !Double.isFinite(v) || value instanceof Float f && !Float.isFinite(f)) {
      return "must be finite";
    }
    return rule;
  }
}
