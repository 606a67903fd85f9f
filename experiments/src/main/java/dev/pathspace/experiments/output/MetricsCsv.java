package dev.pathspace.experiments.output;

import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import dev.pathspace.experiments.storage.AtomicFiles;
import dev.pathspace.experiments.storage.WriteFailedException;

/**
 * Appends training rows to {@code metrics.csv}: {@code step,loss,lr,grad_norm,seconds,skipped} plus one
 * column per divergence diagnostic (keys seen up to the first written row, in sorted order so identical
 * runs have identical columns). Writes every {@code logEvery}-th step and the last step, flushing each row
 * so that a killed run keeps its rows; a row cut off by a kill or a full disk is dropped (and the file
 * rewritten atomically) on resume, and a write error names the file and what is kept.
 */
public final class MetricsCsv implements RunListener, AutoCloseable {
  private final BufferedWriter out;
  private final Path file;
  private final int logEvery;
  private final int totalSteps;
  private final Set<String> diagnosticKeys = new LinkedHashSet<>();
  private List<String> columns;
  private StepRecord pending;

  /** Opens (truncates) {@code file}. */
  public MetricsCsv(Path file, int logEvery, int totalSteps) {
    this(file, logEvery, totalSteps, null);
  }

  private MetricsCsv(Path file, int logEvery, int totalSteps, List<String> existingColumns) {
    this.file = file;
    try {
      this.out = existingColumns == null
          ? Files.newBufferedWriter(file, StandardCharsets.UTF_8)
          : Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new WriteFailedException(file, AtomicFiles.reason(e), e);
    }
    this.logEvery = Math.max(1, logEvery);
    this.totalSteps = totalSteps;
    this.columns = existingColumns;
  }

  /**
   * Continues {@code file} after a resume from step {@code restoredStep}: rows of later steps (written
   * after the restored checkpoint by the killed process) are removed, the header is kept, new rows are
   * appended. The kept rows' (step, loss) are added to {@code history} (for the loss plot). A missing or
   * empty file starts afresh.
   */
  public static MetricsCsv resume(Path file, int logEvery, int totalSteps, int restoredStep, StepHistory history) {
    List<String> lines;
    try {
      lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("step,")) {
      return new MetricsCsv(file, logEvery, totalSteps);
    }
    List<String> kept = new ArrayList<>();
    kept.add(lines.get(0));
    int width = lines.get(0).split(",", -1).length;
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      if (f.length != width) {
        continue; // a row cut off by a kill or a full disk: dropped
      }
      try {
        int step = Integer.parseInt(f[0]);
        if (step <= restoredStep) {
          kept.add(l);
          double loss = Double.parseDouble(f[1]);
          if (f.length > 5 && "0".equals(f[5])) {
            history.record(step, loss);
          }
        }
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        // a half-written last line of a killed process: dropped
      }
    }
    RunDirectory.writeAtomically(file, String.join("\n", kept) + "\n");
    List<String> header = List.of(lines.get(0).split(","));
    return new MetricsCsv(file, logEvery, totalSteps, new ArrayList<>(header.subList(6, header.size())));
  }

  @Override
  public void onStep(StepRecord r) {
    if (columns == null && r.diagnostics() != null) {
      diagnosticKeys.addAll(r.diagnostics().keySet());
    }
    if (r.step() % logEvery == 0 || r.step() >= totalSteps) {
      write(r);
      pending = null;
    } else {
      pending = r;
    }
  }

  private void write(StepRecord r) {
    try {
      if (columns == null) {
        columns = new ArrayList<>(new java.util.TreeSet<>(diagnosticKeys));
        StringBuilder h = new StringBuilder("step,loss,lr,grad_norm,seconds,skipped");
        columns.forEach(c -> h.append(',').append(c));
        out.write(h.append('\n').toString());
      }
      StringBuilder row = new StringBuilder();
      row.append(r.step()).append(',').append(r.loss()).append(',').append(r.lr()).append(',')
          .append(r.gradNorm()).append(',').append(String.format(java.util.Locale.ROOT, "%.3f", r.seconds()))
          .append(',').append(r.skipped() ? 1 : 0);
      for (String c : columns) {
        Double v = r.diagnostics() == null ? null : r.diagnostics().get(c);
        row.append(',').append(v == null ? "" : v.toString());
      }
      out.write(row.append('\n').toString());
      out.flush();
    } catch (IOException e) {
      throw new WriteFailedException(file, AtomicFiles.reason(e)
          + " (the rows written before are kept; a cut-off last row is dropped on resume)", e);
    }
  }

  /** Writes the last seen step if it was not written yet (aborted runs), then closes the file. */
  @Override
  public void close() {
    try {
      if (pending != null) {
        write(pending);
        pending = null;
      }
      out.close();
    } catch (IOException e) {
      throw new WriteFailedException(file, AtomicFiles.reason(e), e);
    }
  }
}
