package dev.pathspace.experiments.cli;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.Checkpoints;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.TrainSummary;
import dev.pathspace.experiments.output.Tracker;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI needs from the engine and the metrics: {@link EngineBackend} (TensorFlow) in production, a
 * fake in tests (so CLI tests run without TensorFlow training).
 */
public interface Backend {
  /** Builds the run's program (graph + session). */
  Program open(RunComponents components, RunConfig config);

  /** The ordered evaluation metrics of {@code eval}. */
  Map<String, Object> metrics(RunConfig config, Target target, EvalResult eval);

  /** The experiment tracker writing into {@code dir} (TensorBoard in production); default: none. */
  default Tracker tracker(Path dir, int logEvery) {
    return Tracker.NONE;
  }

  /** Versions of the engine libraries for provenance (e.g. {@code tensorflow}); default: none. */
  default Map<String, String> engineVersions() {
    return Map.of();
  }

  /**
   * Exports the sampler trained in checkpoint {@code checkpoint} as a SavedModel in the (new, empty or
   * absent) directory {@code exportDir}; returns the batch size of one call of its {@code sample} function.
   */
  default int export(RunComponents components, RunConfig config, Path checkpointDir, Path exportDir) {
    throw new UnsupportedOperationException("this backend cannot export SavedModels");
  }

  /**
   * One built run program (an {@code engine.Experiment} in production) as the CLI drives it. Every method
   * is implemented by the backend: there are no defaults that could silently drop checkpoints.
   */
  interface Program extends AutoCloseable {
    /**
     * Restores the newest intact checkpoint of {@code checkpoints}, if any (see
     * {@link Checkpoints#skipped()} for the ones passed over); empty = training starts from step 0.
     */
    Optional<Checkpoints.State> resume(Checkpoints checkpoints);

    /**
     * Trains from the current position, writing checkpoints to {@code checkpoints} every {@code every}
     * steps (0 = only at the end), after the last step, and at the current step when
     * {@link Checkpoints#requestStop()} was called (then throws {@code TrainingInterruptedException}).
     */
    TrainSummary train(RunListener listener, Checkpoints checkpoints, int every);

    /** Evaluates the trained sampler. */
    EvalResult evaluate();

    /** Benchmarks training and evaluation. */
    BenchResult benchmark(int warmup, int measured);

    @Override
    void close();
  }
}
