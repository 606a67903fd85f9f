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

/**
 * Appends training rows to {@code metrics.csv}: {@code step,loss,lr,grad_norm,seconds,skipped} plus one
 * column per divergence diagnostic (keys seen up to the first written row). Writes every
 * {@code logEvery}-th step and the last step, flushing each row so that a killed run keeps its rows.
 */
public final class MetricsCsv implements RunListener, AutoCloseable {
  private final BufferedWriter out;
  private final int logEvery;
  private final int totalSteps;
  private final Set<String> diagnosticKeys = new LinkedHashSet<>();
  private List<String> columns;
  private StepRecord pending;

  /** Opens (truncates) {@code file}. */
  public MetricsCsv(Path file, int logEvery, int totalSteps) {
    try {
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    this.logEvery = Math.max(1, logEvery);
    this.totalSteps = totalSteps;
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
        columns = new ArrayList<>(diagnosticKeys);
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
      throw new UncheckedIOException("cannot write metrics.csv", e);
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
      throw new UncheckedIOException("cannot close metrics.csv", e);
    }
  }
}
