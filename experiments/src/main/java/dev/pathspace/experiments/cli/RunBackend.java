package dev.pathspace.experiments.cli;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunComponents;
import java.util.Map;

/**
 * What the CLI needs from the engine and the metrics: {@link EngineBackend} in production, a fake in
 * tests (so CLI tests run without TensorFlow training).
 */
public interface RunBackend {
  /** Builds the run's program (graph + session). */
  RunSession open(RunComponents components, RunConfig config);

  /** The ordered evaluation metrics of {@code eval}. */
  Map<String, Object> metrics(RunConfig config, Target target, EvalResult eval);
}
