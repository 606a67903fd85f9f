package dev.pathspace.experiments.output;

import dev.pathspace.experiments.storage.AtomicFiles;
import dev.pathspace.experiments.storage.WriteFailedException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The learning curve of a run, {@code curves.csv}: header {@code step,elapsed_s,loss,<metric keys as in
 * summary.json, in computation order>}, then one row per curve evaluation ({@code eval.every}). The columns
 * are fixed by the first row; a metric that is undefined (null, e.g. {@code log_z_error} of an unknown
 * log Z) or absent in a row is an empty cell, a degenerate one is {@code NaN}. Each row is appended as one
 * whole line with a single write and flushed, so a killed run keeps every complete row; on
 * resume from a checkpoint at step c, {@link #resume} keeps the header and the complete rows of steps ≤ c
 * (dropping a cut-off line and the rows a killed process wrote after its last checkpoint) and rewrites the
 * file atomically, so the continued curve has no duplicate and no missing step.
 */
public final class CurvesCsv implements AutoCloseable {
  /** The file name in a run directory. */
  public static final String FILE = "curves.csv";
  /** The leading columns before the metrics. */
  public static final List<String> LEADING = List.of("step", "elapsed_s", "loss");

  private final Path file;
  private final boolean append;
  private OutputStream out;
  private List<String> metrics;
  private int lastStep;

  private CurvesCsv(Path file, List<String> metrics, int lastStep, boolean append) {
    this.file = file;
    this.metrics = metrics;
    this.lastStep = lastStep;
    this.append = append;
  }

  /**
   * Starts {@code file} afresh: it is created (or truncated) with the first row, which writes the header
   * (a run without curve points, e.g. of an untrained sampler, leaves no file).
   */
  public static CurvesCsv create(Path file) {
    return new CurvesCsv(file, null, -1, false);
  }

  /**
   * Continues {@code file} after a resume from the checkpoint of step {@code restoredStep}: keeps the header
   * and the complete rows of steps ≤ {@code restoredStep} in increasing step order (rewritten atomically),
   * then appends. A missing, empty or headerless file starts afresh.
   *
   * @param files the atomic writer of the rewritten file
   */
  public static CurvesCsv resume(AtomicFiles files, Path file, int restoredStep) {
    List<String> lines;
    try {
      lines = Files.exists(file) ? readCompleteLines(file) : List.of();
    } catch (IOException e) {
      throw new WriteFailedException(file, "cannot read: " + AtomicFiles.reason(e), e);
    }
    if (lines.isEmpty() || !lines.get(0).startsWith(String.join(",", LEADING))) {
      return new CurvesCsv(file, null, -1, false);
    }
    String header = lines.get(0);
    int width = header.split(",", -1).length;
    List<String> kept = new ArrayList<>(List.of(header));
    int last = -1;
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      if (f.length != width) {
        continue;
      }
      try {
        int step = Integer.parseInt(f[0]);
        if (step <= restoredStep && step > last) {
          kept.add(l);
          last = step;
        }
      } catch (NumberFormatException e) {
        // not a row of this writer: dropped
      }
    }
    files.writeString(file, String.join("\n", kept) + "\n");
    List<String> columns = List.of(header.split(",", -1));
    return new CurvesCsv(file, new ArrayList<>(columns.subList(LEADING.size(), columns.size())), last, true);
  }

  /** The lines of {@code file} that end with a newline (a cut-off last line is not one of them). */
  private static List<String> readCompleteLines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    if (end < 0) {
      return List.of();
    }
    return List.of(text.substring(0, end).split("\n", -1));
  }

  /** The step of the last row written or kept (−1 when there is none). */
  public int lastStep() {
    return lastStep;
  }

  /**
   * Appends the row of {@code step} (ignored when a row of this or a later step exists, e.g. the step-0
   * row after a resume). The first row fixes the metric columns to {@code values}' keys.
   *
   * @param elapsedSeconds training seconds of the run up to the point (all processes of a resumed run)
   * @param loss training loss of the step, null when there is none (step 0; written as an empty cell)
   * @param values metric key → Number (null = undefined); non-numeric entries are written as empty cells
   */
  public void append(int step, double elapsedSeconds, Double loss, Map<String, ?> values) {
    if (step <= lastStep) {
      return;
    }
    StringBuilder text = new StringBuilder();
    if (metrics == null) {
      metrics = new ArrayList<>(values.keySet());
      text.append(String.join(",", LEADING));
      metrics.forEach(m -> text.append(',').append(m));
      text.append('\n');
    }
    text.append(step).append(',').append(String.format(Locale.ROOT, "%.3f", elapsedSeconds)).append(',')
        .append(loss == null ? "" : loss.toString());
    for (String m : metrics) {
      text.append(',').append(values.get(m) instanceof Number n ? n.toString() : "");
    }
    text.append('\n');
    try {
      if (out == null) {
        out = append
            ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
            : Files.newOutputStream(file);
      }
      out.write(text.toString().getBytes(StandardCharsets.UTF_8)); // one write per row: whole lines
      out.flush();
    } catch (IOException e) {
      throw new WriteFailedException(file, AtomicFiles.reason(e)
          + " (the rows written before are kept; a cut-off last row is dropped on resume)", e);
    }
    lastStep = step;
  }

  @Override
  public void close() {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new WriteFailedException(file, AtomicFiles.reason(e), e);
    }
  }
}
