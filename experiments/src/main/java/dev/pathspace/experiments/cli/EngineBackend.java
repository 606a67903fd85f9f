package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.Checkpoints;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.metrics.EvaluationReport;
import dev.pathspace.experiments.metrics.MetricValues;
import dev.pathspace.experiments.metrics.RunMetric;
import dev.pathspace.experiments.engine.Experiment;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.SavedModelExport;
import dev.pathspace.experiments.engine.TrainSummary;
import dev.pathspace.experiments.metrics.MetricSuite;
import dev.pathspace.experiments.output.RunTracker;
import dev.pathspace.experiments.output.TensorBoardLogger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlow;

/** The production backend: {@link Experiment} for training/evaluation, {@link MetricSuite} for metrics. */
public final class EngineBackend implements RunBackend {
  @Override
  public RunSession open(RunComponents components, RunConfig config) {
    Experiment e = Experiment.build(components, config);
    return new RunSession() {
      @Override
      public TrainSummary train(RunListener listener) {
        return e.train(listener);
      }

      @Override
      public TrainSummary train(RunListener listener, Path checkpointDir, int every) {
        return e.train(listener, new Checkpoints(checkpointDir), every);
      }

      @Override
      public int resume(Path checkpointDir) {
        return e.resume(new Checkpoints(checkpointDir)).map(Checkpoints.State::step).orElse(0);
      }

      @Override
      public EvalResult evaluate() {
        return e.evaluate();
      }

      @Override
      public BenchResult benchmark(int warmup, int measured) {
        return e.benchmark(warmup, measured);
      }

      @Override
      public void close() {
        e.close();
      }
    };
  }

  @Override
  public MetricValues metrics(RunConfig config, EvaluationReport report, List<RunMetric> registered) {
    return new MetricSuite(config.seed(), config.eval().referenceSamples(), registered).compute(report);
  }

  @Override
  public RunTracker tracker(Path dir, int logEvery) {
    return new TensorBoardLogger(dir, logEvery);
  }

  @Override
  public Map<String, String> engineVersions() {
    return Map.of("tensorflow", TensorFlow.version());
  }

  @Override
  public int export(RunComponents components, RunConfig config, Path checkpointDir, Path exportDir) {
    return SavedModelExport.export(components, config, checkpointDir, exportDir);
  }
}
