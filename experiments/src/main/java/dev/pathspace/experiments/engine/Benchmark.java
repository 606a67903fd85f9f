package dev.pathspace.experiments.engine;

import java.util.Arrays;

/**
 * Speed and memory of one built {@link Experiment}: the first training step, the median of
 * {@code measured} timed steps after {@code warmup} untimed ones, the evaluation rate over the configured
 * {@code eval.batch} streamed in chunks (after one warm-up chunk), peak RSS, the control network's
 * achieved GFLOP/s and a same-process MatMul reference (docs/performance.md).
 */
public final class Benchmark {
  private Benchmark() {}

  /** Benchmarks {@code e}; training steps advance its weights (use a fresh experiment). */
  public static BenchResult run(Experiment e, int warmup, int measured) {
    double firstStep = 0;
    double[] times = new double[measured];
    if (e.trainable()) {
      long t0 = System.nanoTime();
      e.benchStep(1);
      firstStep = (System.nanoTime() - t0) / 1e9;
      for (int i = 1; i < warmup; i++) {
        e.benchStep(1 + i);
      }
      for (int i = 0; i < measured; i++) {
        long t = System.nanoTime();
        e.benchStep(warmup + 1 + i);
        times[i] = (System.nanoTime() - t) / 1e6;
      }
    }
    Arrays.sort(times);
    double ms = measured == 0 || !e.trainable() ? Double.NaN : times[measured / 2];
    e.benchEvalChunk(0);
    long te = System.nanoTime();
    int total = e.config().eval().batch();
    int chunks = Math.max(1, (total + e.evalBatch() - 1) / e.evalBatch());
    for (int i = 0; i < chunks; i++) {
      e.benchEvalChunk(i + 1);
    }
    double evalRate = (double) chunks * e.evalBatch() / ((System.nanoTime() - te) / 1e9);
    double gflops = e.networkFlopsPerTrainStep() / (ms / 1e3) / 1e9;
    double peakRss = ResourceUsage.peakRssMb();
    double matmul = MatmulProbe.gflops(2048, 7);
    return new BenchResult(e.buildSeconds(), firstStep, ms, 1000.0 / ms, evalRate, peakRss, gflops, matmul);
  }
}
