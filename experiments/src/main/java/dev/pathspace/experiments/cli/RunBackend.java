package dev.pathspace.experiments.cli;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.output.RunTracker;
import dev.pathspace.experiments.metrics.EvaluationReport;
import dev.pathspace.experiments.metrics.MetricValues;
import dev.pathspace.experiments.metrics.RunMetric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the CLI needs from the engine and the metrics: {@link EngineBackend} in production, a fake in
 * tests (so CLI tests run without TensorFlow training).
 */
public interface RunBackend {
  /** Builds the run's program (graph + session). */
  RunSession open(RunComponents components, RunConfig config);

  /**
   * The evaluation report of {@code eval}: log weights, log Z estimates and ground-truth samples, computed
   * once for the metrics and the plots.
   */
  default EvaluationReport report(RunConfig config, Target target, EvalResult eval) {
    return EvaluationReport.of(target, eval, config.seed(), config.eval().referenceSamples());
  }

  /** The ordered evaluation metrics of {@code report}, computed by the {@code registered} metrics. */
  MetricValues metrics(RunConfig config, EvaluationReport report, List<RunMetric> registered);

  /** The experiment tracker writing into {@code dir} (TensorBoard in production); default: none. */
  default RunTracker tracker(Path dir, int logEvery) {
    return RunTracker.NONE;
  }

  /** Versions of the engine libraries for provenance (e.g. {@code tensorflow}); default: none. */
  default Map<String, String> engineVersions() {
    return Map.of();
  }

  /**
   * Exports the sampler trained in the newest checkpoint of {@code checkpointDir} as a SavedModel in
   * {@code exportDir}; returns the batch size of one call of its {@code sample} function.
   */
  default int export(RunComponents components, RunConfig config, Path checkpointDir, Path exportDir) {
    throw new UnsupportedOperationException("this backend cannot export SavedModels");
  }
}
