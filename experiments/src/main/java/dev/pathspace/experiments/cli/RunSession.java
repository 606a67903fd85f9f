package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.TrainSummary;

/** One built run program (normally an {@code engine.Experiment}) as the CLI drives it. */
public interface RunSession extends AutoCloseable {
  /** Trains, reporting each step. */
  TrainSummary train(RunListener listener);

  /** Evaluates the trained sampler. */
  EvalResult evaluate();

  /** Benchmarks training and evaluation. */
  BenchResult benchmark(int warmup, int measured);

  @Override
  void close();
}
