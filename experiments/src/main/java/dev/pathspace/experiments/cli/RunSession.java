package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.TrainSummary;
import java.nio.file.Path;

/** One built run program (normally an {@code engine.Experiment}) as the CLI drives it. */
public interface RunSession extends AutoCloseable {
  /** Trains, reporting each step. */
  TrainSummary train(RunListener listener);

  /**
   * Trains from the current position, writing checkpoints to {@code checkpointDir} every {@code every}
   * steps (0 = only at the end) and after the last step. The default ignores checkpoints.
   */
  default TrainSummary train(RunListener listener, Path checkpointDir, int every) {
    return train(listener);
  }

  /**
   * Restores the newest checkpoint in {@code checkpointDir}, if any; returns its step (0 = none, training
   * starts from scratch).
   */
  default int resume(Path checkpointDir) {
    return 0;
  }

  /** Evaluates the trained sampler. */
  EvalResult evaluate();

  /** Benchmarks training and evaluation. */
  BenchResult benchmark(int warmup, int measured);

  @Override
  void close();
}
