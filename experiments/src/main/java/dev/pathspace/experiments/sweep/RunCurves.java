package dev.pathspace.experiments.sweep;

import dev.pathspace.api.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The learning curve of one run, read from its {@code curves.csv}: header {@code step,elapsed_s,} then any
 * columns ({@code loss} and the metric keys of {@code summary.json}, e.g. {@code log_z_error}, {@code ess});
 * one row per evaluation with strictly increasing steps. A blank or {@code NaN} cell is a missing value
 * (NaN here); {@code Infinity}, {@code -Infinity} (and {@code inf}) are kept as infinities so that callers
 * can report them.
 *
 * @param file the file read
 * @param steps the step of each row
 * @param elapsed the elapsed seconds of each row
 * @param columns every other column in header order, one value per row (NaN = missing)
 */
public record RunCurves(Path file, long[] steps, double[] elapsed, Map<String, double[]> columns) {
  /** The file name inside a run directory. */
  public static final String FILE = "curves.csv";

  /** The curve of run directory {@code dir}; empty when it has no {@code curves.csv} (the run has no curve). */
  public static Optional<RunCurves> read(Path dir) {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    return Optional.of(parse(f, lines));
  }

  /** The curves of every run that has one, by run directory. */
  public static Map<Path, RunCurves> readAll(List<CollectedRun> runs) {
    Map<Path, RunCurves> out = new LinkedHashMap<>();
    for (CollectedRun r : runs) {
      read(r.dir()).ifPresent(c -> out.put(r.dir(), c));
    }
    return out;
  }

  /**
   * Parses the lines of {@code file}.
   *
   * @throws ConfigException naming the file and line when the header lacks {@code step} or
   *     {@code elapsed_s} or repeats a column, a row has the wrong number of cells, a step is not a
   *     non-negative integer or not larger than the previous one, an elapsed time is missing, negative or
   *     not finite, or a cell is not a number
   */
  static RunCurves parse(Path file, List<String> lines) {
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()) {
      throw new ConfigException(file + ": empty file, expected the header step,elapsed_s,...");
    }
    String[] header = cells(lines.get(first));
    int stepCol = -1;
    int elapsedCol = -1;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < header.length; c++) {
      String h = header[c].trim();
      if (h.isEmpty() || names.contains(h)) {
        throw new ConfigException(file + " line " + (first + 1) + ": " + (h.isEmpty() ? "empty column name"
            : "column '" + h + "' appears twice") + " in the header");
      }
      names.add(h);
      stepCol = h.equals("step") ? c : stepCol;
      elapsedCol = h.equals("elapsed_s") ? c : elapsedCol;
    }
    if (stepCol < 0 || elapsedCol < 0) {
      throw new ConfigException(file + " line " + (first + 1) + ": the header needs the columns step and elapsed_s"
          + " (got " + String.join(",", names) + ")");
    }
    List<long[]> steps = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    long last = -1;
    for (int i = first + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      String[] cells = cells(lines.get(i));
      if (cells.length != header.length) {
        throw new ConfigException(where + ": " + cells.length + " cells, the header has " + header.length);
      }
      long step;
      try {
        step = Long.parseLong(cells[stepCol].trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(where + ": step '" + cells[stepCol].trim() + "' is not an integer");
      }
      if (step < 0 || step <= last) {
        throw new ConfigException(where + ": step " + step + (step < 0 ? " is negative"
            : " does not follow step " + last + " (steps must increase, no duplicates)"));
      }
      last = step;
      double[] row = new double[header.length];
      for (int c = 0; c < header.length; c++) {
        if (c != stepCol) {
          row[c] = number(cells[c].trim(), where, names.get(c));
        }
      }
      if (!(Double.isFinite(row[elapsedCol]) && row[elapsedCol] >= 0)) {
        throw new ConfigException(where + ": elapsed_s '" + cells[elapsedCol].trim()
            + "' must be a finite number of seconds >= 0");
      }
      steps.add(new long[] {step});
      rows.add(row);
    }
    int n = rows.size();
    long[] st = new long[n];
    double[] el = new double[n];
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (int c = 0; c < header.length; c++) {
      if (c != stepCol && c != elapsedCol) {
        cols.put(names.get(c), new double[n]);
      }
    }
    for (int r = 0; r < n; r++) {
      st[r] = steps.get(r)[0];
      el[r] = rows.get(r)[elapsedCol];
      for (int c = 0; c < header.length; c++) {
        if (c != stepCol && c != elapsedCol) {
          cols.get(names.get(c))[r] = rows.get(r)[c];
        }
      }
    }
    return new RunCurves(file, st, el, cols);
  }

  private static String[] cells(String line) {
    return line.split(",", -1);
  }

  private static double number(String s, String where, String column) {
    if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("+inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (s.equalsIgnoreCase("-inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new ConfigException(where + ": " + column + " '" + s + "' is not a number");
    }
  }

  /** The values of column {@code name} (NaN for every row when the file has no such column). */
  public double[] column(String name) {
    double[] v = columns.get(name);
    if (v != null) {
      return v;
    }
    double[] nan = new double[steps.length];
    Arrays.fill(nan, Double.NaN);
    return nan;
  }
}
