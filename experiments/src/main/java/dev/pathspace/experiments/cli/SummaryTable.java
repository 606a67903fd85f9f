package dev.pathspace.experiments.cli;

import java.util.Locale;
import java.util.Map;

/** Plain-text key/value table of a run summary for stdout. */
final class SummaryTable {
  private SummaryTable() {}

  static String format(Map<String, Object> summary) {
    int w = summary.keySet().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    summary.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %s%n", k, value(v))));
    return sb.toString();
  }

  static String value(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return number(((Number) v).doubleValue());
    }
    return String.valueOf(v);
  }

  static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.4e", v);
    }
    return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
