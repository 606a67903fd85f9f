package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.metrics.EvaluationReport;
import dev.pathspace.experiments.output.SampleFiles;
import dev.pathspace.experiments.storage.AtomicFiles;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The final evaluation's samples in the run directory, {@code samples.npy}: the first {@link #MAX} of the
 * evaluation's model samples X_N with their log importance weights (−log-RND), in the layout of
 * {@link SampleFiles} (float64, shape {@code (n, d+1)}, last column the log weight; non-finite rows kept
 * as they are), written atomically. {@code collect} overlays marginals from these files.
 */
final class FinalSamples {
  /** The file name in a run directory. */
  static final String FILE = "samples.npy";
  /** At most this many samples are written (the evaluation's first ones). */
  static final int MAX = 2000;

  private FinalSamples() {}

  /** Writes the first {@link #MAX} samples of {@code report} with their log weights to {@code file}. */
  static void write(AtomicFiles files, Path file, EvaluationReport report) {
    double[][] samples = report.samples();
    int n = Math.min(MAX, samples.length);
    SampleFiles.write(files, file, Arrays.copyOf(samples, n), Arrays.copyOf(report.logWeights(), n));
  }
}
