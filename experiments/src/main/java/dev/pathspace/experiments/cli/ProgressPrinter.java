package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Console progress: on a terminal a single {@code \r}-updated line (at most ~10 updates/s), otherwise one
 * log line every {@code logEvery} steps and at the last step. Shows step, loss, lr, it/s and ETA.
 */
final class ProgressPrinter implements RunListener {
  private final PrintStream err;
  private final int total;
  private final int logEvery;
  private final boolean interactive;
  private int skipped;
  private double lastPrint = Double.NEGATIVE_INFINITY;
  private boolean lineOpen;
  private final int startStep;

  ProgressPrinter(PrintStream err, int total, int logEvery, boolean interactive) {
    this(err, total, logEvery, interactive, 0);
  }

  /** @param startStep steps done before this process (resumed runs), excluded from the it/s rate */
  ProgressPrinter(PrintStream err, int total, int logEvery, boolean interactive, int startStep) {
    this.startStep = startStep;
    this.err = err;
    this.total = total;
    this.logEvery = Math.max(1, logEvery);
    this.interactive = interactive;
  }

  @Override
  public void onStep(StepRecord r) {
    if (r.skipped()) {
      skipped++;
    }
    boolean last = r.step() >= total;
    if (interactive) {
      if (last || r.seconds() - lastPrint >= 0.1) {
        lastPrint = r.seconds();
        err.print("\r" + line(r) + "   ");
        err.flush();
        lineOpen = true;
      }
    } else if (r.step() % logEvery == 0 || last) {
      err.println(line(r));
    }
  }

  @Override
  public void onInfo(String message) {
    finish();
    err.println(message);
  }

  /** Ends an open progress line. */
  void finish() {
    if (lineOpen) {
      err.println();
      lineOpen = false;
    }
  }

  String line(StepRecord r) {
    double rate = r.seconds() > 0 ? (r.step() - startStep) / r.seconds() : 0;
    double eta = rate > 0 ? (total - r.step()) / rate : 0;
    int w = Integer.toString(total).length();
    String s = String.format(Locale.ROOT, "step %" + w + "d/%d  loss %.4e  lr %.2e  %.1f it/s  ETA %s",
        r.step(), total, r.loss(), r.lr(), rate, duration(eta));
    return skipped > 0 ? s + "  skipped " + skipped : s;
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }
}
