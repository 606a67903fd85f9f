package dev.pathspace.experiments.cli;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.metrics.EvaluationReport;
import dev.pathspace.experiments.metrics.MetricValues;
import dev.pathspace.experiments.metrics.RunMetric;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import dev.pathspace.experiments.engine.TrainSummary;
import dev.pathspace.experiments.engine.Checkpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A backend without TensorFlow: synthetic steps, ground-truth samples as "model" samples, fixed metrics. */
final class FakeBackend implements RunBackend {
  int opened;
  int closed;
  /** When > 0, training throws at this step (a simulated crash after the checkpoints before it). */
  int failAtStep;
  /** Config seeds of the sessions opened, in order. */
  final java.util.List<Long> seeds = new java.util.ArrayList<>();

  @Override
  public RunSession open(RunComponents components, RunConfig config) {
    opened++;
    seeds.add(config.seed());
    return new RunSession() {
      int done;

      @Override
      public TrainSummary train(RunListener listener) {
        return train(listener, null, 0);
      }

      @Override
      public TrainSummary train(RunListener listener, Path checkpointDir, int every) {
        int n = config.train().steps();
        listener.onInfo("fake graph built");
        Map<String, Double> diag = Map.of();
        for (int s = done + 1; s <= n; s++) {
          if (s == failAtStep) {
            throw new IllegalStateException("simulated crash at step " + s);
          }
          diag = Map.of("log_z_moment", -1.0 / s);
          listener.onStep(new StepRecord(s, 2.0 / s, config.train().lr(), 1.5, 0.01 * s, false, diag));
          if (checkpointDir != null && ((every > 0 && s % every == 0) || s == n)) {
            writeCheckpoint(checkpointDir, s);
          }
        }
        return new TrainSummary(n, 0, 0.01 * n, 0.5, diag);
      }

      @Override
      public int resume(Path checkpointDir) {
        done = new Checkpoints(checkpointDir).latest()
            .map(p -> Integer.parseInt(p.getFileName().toString().substring(5))).orElse(0);
        return done;
      }

      @Override
      public EvalResult evaluate() {
        Target t = components.target();
        int m = config.eval().batch();
        double[][] x = t.groundTruth().orElseThrow().sample(m, config.seed());
        return new EvalResult(new double[m], new double[m], x, 0.1);
      }

      @Override
      public BenchResult benchmark(int warmup, int measured) {
        return new BenchResult(1.25, 0.5, 12.5, 80, 123456, 2048, 1.5, 30);
      }

      @Override
      public void close() {
        closed++;
      }
    };
  }

  /** The checkpoint layout of {@link Checkpoints} (without TF variables). */
  static void writeCheckpoint(Path dir, int step) {
    try {
      Path c = dir.resolve(String.format("step-%07d", step));
      Files.createDirectories(c);
      Files.writeString(c.resolve("state.properties"), "step=" + step + "\nskipped=0\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public MetricValues metrics(RunConfig config, EvaluationReport report, List<RunMetric> registered) {
    MetricValues m = new MetricValues();
    m.put("log_z_true", 0.0);
    m.put("log_z_error", 0.0125 * config.seed() * (config.divergence().type().equals("log-variance") ? 0.5 : 1));
    m.put("ess", 0.91);
    return m;
  }
}
