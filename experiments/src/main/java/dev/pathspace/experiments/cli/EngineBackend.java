package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.Benchmark;
import dev.pathspace.experiments.engine.Checkpoints;
import dev.pathspace.experiments.engine.Devices;
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
import dev.pathspace.experiments.output.Tracker;
import dev.pathspace.experiments.output.TensorBoardLogger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.TensorFlow;

/** The production backend: {@link Experiment} for training/evaluation, {@link MetricSuite} for metrics. */
public final class EngineBackend implements Backend {
  @Override
  public Program open(RunComponents components, RunConfig config) {
    return new ExperimentProgram(Experiment.build(components, config));
  }

  @Override
  public void checkDevice(RunConfig config) {
    Devices.Device d = Devices.select(
        Devices.Choice.parse(config.device()), Devices.visible(config.intraThreads(), config.interThreads()));
    dev.pathspace.experiments.engine.XlaJit.check(config.jit(), d.isGpu(), System.getenv());
  }

  /** {@link Backend.Program} as one {@link Experiment}: every call delegates, checkpoints included. */
  private record ExperimentProgram(Experiment experiment) implements Program {
    @Override
    public String device() {
      return experiment.device().toString();
    }

    @Override
    public Optional<Checkpoints.State> resume(Checkpoints checkpoints) {
      return experiment.resume(checkpoints);
    }

    @Override
    public TrainSummary train(RunListener listener, Checkpoints checkpoints, int every) {
      return experiment.train(listener, checkpoints, every);
    }

    @Override
    public EvalResult evaluate() {
      return experiment.evaluate();
    }

    @Override
    public BenchResult benchmark(int warmup, int measured) {
      return Benchmark.run(experiment, warmup, measured);
    }

    @Override
    public void close() {
      experiment.close();
    }
  }

  @Override
  public MetricValues metrics(RunConfig config, EvaluationReport report, List<RunMetric> registered) {
    return new MetricSuite(config.seed(), config.eval().referenceSamples(), registered).compute(report);
  }

  @Override
  public Tracker tracker(Path dir, int logEvery) {
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
