package dev.pathspace.experiments.sweep;

import dev.pathspace.api.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Published numbers to compare a sweep with ({@code collect --reference FILE}): a CSV file whose header
 * names configuration keys (e.g. {@code sampler,divergence,target,target.dim}) followed by the fixed columns
 * {@code metric,value,error,statistic,source}. A row applies to every configuration whose values equal the
 * row's non-empty key cells; {@code error} may be empty (no error bar published); {@code statistic} says what
 * the value is (e.g. {@code median of 5 seeds}) and {@code source} where it was published (paper, table).
 * Lines starting with {@code #} are comments. Cells contain no commas.
 */
public final class PublishedNumbers {
  /** The fixed trailing columns, in order. */
  public static final List<String> COLUMNS = List.of("metric", "value", "error", "statistic", "source");

  /**
   * One published number.
   *
   * @param match the configuration keys and values the number applies to (empty cells left out)
   * @param metric the metric key as in summary.json (e.g. {@code log_z_error})
   * @param value the published value
   * @param error its published error bar (NaN when none)
   * @param statistic what the value is
   * @param source where it was published
   */
  public record Entry(Map<String, String> match, String metric, double value, double error, String statistic,
      String source) {
    /** Whether the configuration {@code config} has every key value of {@link #match}. */
    public boolean matches(Map<String, String> config) {
      return match.entrySet().stream().allMatch(e -> e.getValue().equals(config.get(e.getKey())));
    }
  }

  private final List<Entry> entries;

  private PublishedNumbers(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The entries in file order. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Reads {@code file}; a missing file, a header without the fixed columns, a row of the wrong width or a
   * value that is not a number is a {@link ConfigException} naming the file, line and column.
   */
  public static PublishedNumbers read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("--reference " + file + ": cannot read (" + e.getMessage() + ")");
    }
    List<String[]> rows = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        rows.add(l.split(",", -1));
        lineNumbers.add(i + 1);
      }
    }
    if (rows.isEmpty()) {
      throw new ConfigException("--reference " + file + ": no header line");
    }
    String[] header = rows.get(0);
    int keys = header.length - COLUMNS.size();
    if (keys < 0 || !List.of(header).subList(keys, header.length).stream().map(String::strip).toList()
        .equals(COLUMNS)) {
      throw new ConfigException("--reference " + file + " line " + lineNumbers.get(0) + ": the header must end with "
          + String.join(",", COLUMNS) + " after the configuration keys; got " + String.join(",", header));
    }
    List<Entry> entries = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      String[] f = rows.get(r);
      String where = "--reference " + file + " line " + lineNumbers.get(r);
      if (f.length != header.length) {
        throw new ConfigException(where + ": " + f.length + " cells, the header has " + header.length);
      }
      Map<String, String> match = new LinkedHashMap<>();
      for (int k = 0; k < keys; k++) {
        if (!f[k].isBlank()) {
          match.put(header[k].strip(), f[k].strip());
        }
      }
      double value = number(f[keys + 1], where, "value", false);
      double error = number(f[keys + 2], where, "error", true);
      entries.add(new Entry(match, f[keys].strip(), value, error, f[keys + 3].strip(), f[keys + 4].strip()));
    }
    return new PublishedNumbers(entries);
  }

  private static double number(String cell, String where, String column, boolean optional) {
    String c = cell.strip();
    if (c.isEmpty() && optional) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(c);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(where + ": column " + column + " = '" + c + "' is not a finite number"
        + (optional ? " (or empty)" : ""));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d published numbers", entries.size());
  }
}
