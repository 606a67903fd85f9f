package dev.pathspace.experiments.cli;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.EvalResult;
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
import java.util.Map;
import java.util.Optional;
import dev.pathspace.experiments.engine.TrainingInterruptedException;

/** A backend without TensorFlow: synthetic steps, ground-truth samples as "model" samples, fixed metrics. */
final class FakeBackend implements Backend {
  int opened;
  int closed;
  /** When > 0, training throws at this step (a simulated crash after the checkpoints before it). */
  int failAtStep;
  /** When > 0, training stops at this step as if SIGTERM had arrived (checkpoint, then interrupted). */
  int stopAtStep;
  /** When set, evaluation returns these log-RNDs (e.g. all NaN) and training reports this many skips. */
  double[] evalLogRnd;
  int skippedSteps;
  /** When > 0, training diverges at this step (as the engine after train.maxSkips non-finite steps). */
  int divergeAtStep;
  /** When true, evaluation throws (a simulated kill -9 while evaluating, after the final checkpoint). */
  boolean failInEvaluate;
  /** Config seeds of the sessions opened, in order. */
  final java.util.List<Long> seeds = new java.util.ArrayList<>();

  @Override
  public Program open(RunComponents components, RunConfig config) {
    opened++;
    seeds.add(config.seed());
    return new Program() {
      int done;

      @Override
      public TrainSummary train(RunListener listener, Checkpoints checkpoints, int every) {
        int n = config.train().steps();
        listener.onInfo("fake graph built");
        Map<String, Double> diag = Map.of();
        int start = done;
        for (int s = done + 1; s <= n; s++) {
          if (s == divergeAtStep) {
            throw new dev.pathspace.experiments.engine.TrainingDivergedException(
                "training diverged: 3 consecutive non-finite steps (last at step " + s + ")");
          }
          if (s == failAtStep) {
            throw new IllegalStateException("simulated crash at step " + s);
          }
          diag = Map.of("log_z_moment", -1.0 / s);
          listener.onStep(new StepRecord(s, 2.0 / s, config.train().lr(), 1.5, 0.01 * (s - start), false, diag));
          boolean stop = checkpoints != null && (checkpoints.stopRequested() || s == stopAtStep);
          if (checkpoints != null && ((every > 0 && s % every == 0) || s == n || stop)) {
            writeCheckpoint(checkpoints, s);
          }
          if (stop && s < n) {
            throw new TrainingInterruptedException(s);
          }
        }
        return new TrainSummary(n, Math.min(skippedSteps, n), 0.01 * (n - start), 0.5, diag);
      }

      @Override
      public Optional<Checkpoints.State> resume(Checkpoints checkpoints) {
        Optional<Checkpoints.State> st = checkpoints.latest().map(p -> checkpoints.restore(p, prefix -> {
          try {
            Files.readString(Path.of(prefix + ".index"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
        done = st.map(Checkpoints.State::step).orElse(0);
        return st;
      }

      @Override
      public EvalResult evaluate() {
        if (failInEvaluate) {
          throw new IllegalStateException("simulated crash while evaluating");
        }
        Target t = components.target();
        int m = config.eval().batch();
        double[][] x = t.groundTruth().orElseThrow().sample(m, config.seed());
        double[] lr = evalLogRnd != null ? evalLogRnd : new double[m];
        return new EvalResult(lr, lr, x, 0.1);
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

  /** A checkpoint of {@link Checkpoints} whose "variables" are one index file naming the step. */
  static void writeCheckpoint(Checkpoints checkpoints, int step) {
    checkpoints.save(step, 0, prefix -> {
      Files.writeString(Path.of(prefix + ".index"), "fake variables of step " + step + "\n");
      Files.writeString(Path.of(prefix + ".data-00000-of-00001"), "weights " + step + "\n");
    });
  }

  /** {@link #writeCheckpoint(Checkpoints, int)} into {@code dir}. */
  static void writeCheckpoint(Path dir, int step) {
    writeCheckpoint(new Checkpoints(dir), step);
  }

  /** A "SavedModel" naming the checkpoint it was made from (enough for the export/sample bookkeeping). */
  @Override
  public int export(RunComponents components, RunConfig config, Path checkpointDir, Path exportDir) {
    Path latest = new Checkpoints(checkpointDir).latest().orElseThrow();
    try {
      Files.createDirectories(exportDir);
      Files.writeString(exportDir.resolve("saved_model.pb"), "fake model of " + latest.getFileName() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config.eval().chunk();
  }

  @Override
  public Map<String, Object> metrics(RunConfig config, Target target, EvalResult eval) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("log_z_true", 0.0);
    m.put("log_z_error", 0.0125 * config.seed() * (config.divergence().type().equals("log-variance") ? 0.5 : 1));
    m.put("ess", eval.logRnd().length > 0 && Double.isNaN(eval.logRnd()[0]) ? Double.NaN : 0.91);
    return m;
  }
}
