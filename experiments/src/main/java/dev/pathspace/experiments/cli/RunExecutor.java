package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.engine.TrainSummary;
import dev.pathspace.experiments.metrics.EvaluationReport;
import dev.pathspace.experiments.metrics.MetricValues;
import dev.pathspace.experiments.output.LossPlot;
import dev.pathspace.experiments.output.MetricsCsv;
import dev.pathspace.experiments.output.Provenance;
import dev.pathspace.experiments.output.RunDirectory;
import dev.pathspace.experiments.output.RunLock;
import dev.pathspace.experiments.output.RunSummary;
import dev.pathspace.experiments.output.RunTracker;
import dev.pathspace.experiments.output.SamplePlot;
import dev.pathspace.experiments.output.StepHistory;
import dev.pathspace.experiments.output.SummaryJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one configuration inside its run directory, shared by {@code run}, {@code run --resume},
 * {@code rerun} and {@code sweep}: lock the directory, write {@code config.yaml} and
 * {@code provenance.json}, train with checkpoints in {@code checkpoints/} (optionally after restoring the
 * newest one), log to {@code metrics.csv}, TensorBoard and the console, evaluate, plot, and write
 * {@code summary.json} last, so that its presence means "complete".
 */
final class RunExecutor {
  /** Subdirectory of the checkpoints. */
  static final String CHECKPOINTS = "checkpoints";

  private final CliContext ctx;

  RunExecutor(CliContext ctx) {
    this.ctx = ctx;
  }

  /** What to record in a new run's provenance. */
  record Origin(Path configFile, Map<String, String> presets, Map<String, Object> extra) {
    static Origin plain(Path configFile) {
      return new Origin(configFile, Map.of(), Map.of());
    }
  }

  /**
   * Trains and evaluates {@code cfg} in {@code dir}; with {@code resume} the newest checkpoint (if any) is
   * restored first. Returns the summary.
   *
   * @throws ConfigException if another process holds the directory's lock
   */
  RunSummary execute(RunPlan plan, RunDirectory dir, boolean resume, Origin origin) {
    Optional<RunLock> lock = RunLock.tryAcquire(dir.dir());
    if (lock.isEmpty()) {
      throw new ConfigException("Run directory '" + dir.dir() + "' is in use by another process (.lock held)");
    }
    try (RunLock held = lock.get()) {
      return executeLocked(plan, dir, resume, origin);
    }
  }

  private RunSummary executeLocked(RunPlan plan, RunDirectory dir, boolean resume, Origin origin) {
    RunConfig cfg = plan.config();
    RunComponents comps = plan.components();
    PrintStream err = ctx.err();
    Path provenance = dir.file("provenance.json");
    if (!resume || Provenance.read(provenance) == null) {
      dir.writeConfig(cfg);
      Map<String, String> versions = new LinkedHashMap<>(ctx.backend().engineVersions());
      Provenance.write(provenance, Provenance.start(ctx.args(), ctx.workDir(), origin.configFile(),
          origin.presets(), cfg.seed(), versions, origin.extra(), ctx.clock().instant()));
    }
    err.println("run directory: " + dir.dir());
    String title = RunCommand.title(cfg);
    int steps = cfg.train().steps();
    StepHistory history = new StepHistory();
    RunSummary summary;
    try (RunSession session = ctx.backend().open(comps, cfg)) {
      int from = resume ? session.resume(dir.file(CHECKPOINTS)) : 0;
      if (resume) {
        err.println(from > 0 ? "resumed from checkpoint at step " + from + "/" + steps
            : "no checkpoint found: training from step 0");
        Provenance.recordResume(provenance, ctx.clock().instant(), from, ctx.args());
      }
      ProgressPrinter progress = new ProgressPrinter(err, steps, cfg.train().logEvery(), ctx.interactive(), from);
      TrainSummary train;
      try (MetricsCsv csv = resume
              ? MetricsCsv.resume(dir.file("metrics.csv"), cfg.train().logEvery(), steps, from, history)
              : new MetricsCsv(dir.file("metrics.csv"), cfg.train().logEvery(), steps);
          RunTracker tracker = ctx.backend().tracker(dir.file("tb"), cfg.train().logEvery())) {
        train = session.train(new CompositeListener(List.of(progress, csv, history, tracker)),
            dir.file(CHECKPOINTS), cfg.train().checkpointEvery());
        progress.finish();
        guarded(err, "loss.png", () -> LossPlot.write(
            dir.file("loss.png"), null, "training loss: " + title, history.steps(), history.losses()));
        EvalResult eval = session.evaluate();
        EvaluationReport report = ctx.backend().report(cfg, comps.target(), eval);
        MetricValues metrics = ctx.backend().metrics(cfg, report, plan.metrics());
        tracker.onEval(steps, metrics.asMap());
        summary = RunSummary.of(cfg, comps.target().dim(), train, metrics, from);
        guarded(err, "samples.png", () -> SamplePlot.write(
            dir.file("samples.png"), dir.file("samples.svg"), report, metrics, title));
        guarded(err, "marginals.png", () -> dev.pathspace.experiments.output.MarginalPlot.write(
            dir.file("marginals.png"), dir.file("marginals.svg"), report, title));
      }
    }
    Provenance.recordFinish(provenance, ctx.clock().instant());
    SummaryJson.write(dir.file("summary.json"), summary);
    return summary;
  }

  /** Plots must not lose a finished run: report failures and continue. */
  static void guarded(PrintStream err, String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      err.println("warning: could not write " + what + ": " + e);
    }
  }
}
