package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.config.ConfigYaml;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.Checkpoints;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import dev.pathspace.experiments.engine.TrainSummary;
import dev.pathspace.experiments.engine.TrainingDivergedException;
import dev.pathspace.experiments.engine.TrainingInterruptedException;
import dev.pathspace.experiments.metrics.EvaluationReport;
import dev.pathspace.experiments.metrics.MetricValues;
import dev.pathspace.experiments.metrics.RunMetric;
import dev.pathspace.experiments.metrics.StandardMetrics;
import dev.pathspace.experiments.output.ControlErrorPlot;
import dev.pathspace.experiments.output.CurvesCsv;
import dev.pathspace.experiments.output.LossPlot;
import dev.pathspace.experiments.output.MarginalPlot;
import dev.pathspace.experiments.output.MetricsCsv;
import dev.pathspace.experiments.output.Provenance;
import dev.pathspace.experiments.output.RunDirectory;
import dev.pathspace.experiments.output.RunDirectory.State;
import dev.pathspace.experiments.output.RunDirectory.Status;
import dev.pathspace.experiments.output.RunSummary;
import dev.pathspace.experiments.output.Tracker;
import dev.pathspace.experiments.output.SamplePlot;
import dev.pathspace.experiments.output.StepHistory;
import dev.pathspace.experiments.output.SummaryJson;
import dev.pathspace.experiments.storage.AtomicFiles;
import dev.pathspace.experiments.storage.WriteFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The life of one run in its directory, shared by {@code run}, {@code run --resume}, {@code rerun} and
 * {@code sweep}, as the state machine of {@link RunDirectory.State}: lock the directory and check its
 * identity (a fresh run needs an empty directory; a resume needs the same configuration fingerprint), write
 * {@code config.yaml}, {@code provenance.json} and {@code run.json} (created), train with checkpoints
 * (training; a signal checkpoints and stops: interrupted), save {@code train.json} (trained), evaluate and
 * save {@code summary.json} before any plot (evaluated), draw the plots, then mark the run complete — or
 * failed when it did not train or its evaluation is non-finite. Every file goes through {@link AtomicFiles}.
 */
final class RunLifecycle {
  /** Subdirectory of the checkpoints. */
  static final String CHECKPOINTS = "checkpoints";
  /** Derived artifacts, removed when a run restarts or resumes (they describe an older state). */
  static final List<String> DERIVED =
      List.of("summary.json", "train.json", "samples.png", "samples.svg", "loss.png", "marginals.png",
          "marginals.svg", "saved_model", "control_error.csv", "control_error.png", FinalSamples.FILE);
  /**
   * The training logs, appended while training and recorded in {@code run.json} with the step they reach
   * when training ends or is interrupted (a resume truncates them to its checkpoint and drops the records).
   */
  static final List<String> LOGS = List.of("metrics.csv", CurvesCsv.FILE);
  /** The default of {@code --max-skipped-fraction}. */
  static final double DEFAULT_MAX_SKIPPED_FRACTION = 0.5;
  /** Headline metrics that must be finite for a run to be complete. */
  static final List<String> MUST_BE_FINITE = List.of("log_z_lb", "log_z_is", "ess");

  private final CliContext ctx;

  RunLifecycle(CliContext ctx) {
    this.ctx = ctx;
  }

  /** What to record in a new run's provenance, and how strict the completion check is. */
  record Origin(Path configFile, Map<String, String> presets, Map<String, Object> extra, double maxSkippedFraction) {
    Origin(Path configFile, Map<String, String> presets, Map<String, Object> extra) {
      this(configFile, presets, extra, DEFAULT_MAX_SKIPPED_FRACTION);
    }

    static Origin plain(Path configFile) {
      return new Origin(configFile, Map.of(), Map.of());
    }

    Origin withMaxSkippedFraction(double f) {
      return new Origin(configFile, presets, extra, f);
    }
  }

  /** The end of a run: its summary (null if it has none) and the exit code ({@link ExitCodes}). */
  record Outcome(RunSummary summary, int exitCode, State state) {}

  /**
   * Trains and evaluates the planned run in {@code dir}. A fresh run ({@code resume} false) needs an empty
   * directory; with {@code resume} the directory must hold a run of the same fingerprint, whose newest
   * intact checkpoint (if any) is restored.
   *
   * @throws ConfigException if the directory is in use, of another identity, or not a fresh directory
   * @throws WriteFailedException if a file could not be written (the message says what is kept)
   */
  Outcome execute(RunPlan plan, RunDirectory dir, boolean resume, Origin origin) {
    ctx.backend().checkDevice(plan.config()); // device=gpu without a GPU fails before the directory gets files
    Optional<RunDirectory.Lock> lock = dir.tryLock();
    if (lock.isEmpty()) {
      throw new ConfigException("Run directory '" + dir.dir() + "' is in use by another process (.lock held)");
    }
    try (RunDirectory.Lock held = lock.get()) {
      return executeLocked(plan, dir, resume, origin);
    }
  }

  private Outcome executeLocked(RunPlan plan, RunDirectory dir, boolean resume, Origin origin) {
    RunConfig cfg = plan.config();
    RunComponents comps = plan.components();
    PrintStream err = ctx.err();
    AtomicFiles files = ctx.files();
    String fingerprint = ConfigYaml.fingerprint(cfg);
    Path provenance = dir.file("provenance.json");
    Status status;
    if (resume) {
      status = identityForResume(dir, cfg, fingerprint);
    } else {
      dir.requireFreshFor(fingerprint);
      status = null;
    }
    AtomicFiles.removeStaleTemporaries(dir.dir());
    if (status == null) {
      dir.writeConfig(files, cfg);
      Map<String, String> versions = new LinkedHashMap<>(ctx.backend().engineVersions());
      Map<String, Object> prov = Provenance.start(ctx.args(), ctx.workDir(), origin.configFile(),
          origin.presets(), cfg.seed(), versions, origin.extra(), ctx.clock().instant());
      prov.put("fingerprint", fingerprint);
      prov.put("plugins", ctx.plugins().provenance());
      Provenance.write(files, provenance, prov);
      status = RunDirectory.newStatus(fingerprint, codeVersion(prov), ctx.clock().instant());
      dir.writeStatus(files, status);
    }
    err.println("run directory: " + dir.dir());
    ctx.plugins().registered().forEach((jar, keys) ->
        err.println("plug-in: " + jar.path() + " (" + String.join(", ", keys) + ")"));
    plan.components().target().sanityWarnings().forEach(w -> err.println("warning: " + w));
    plan.components().sampler().pairingWarnings(plan.components().divergence().requirements())
        .forEach(w -> err.println("warning: " + w));
    String title = RunCommand.title(cfg);
    int steps = cfg.train().steps();
    StepHistory history = new StepHistory();
    Progress seen = new Progress();
    Checkpoints checkpoints = new Checkpoints(dir.file(CHECKPOINTS), files).withMetadata(seen::metadata);
    TrainSummary train;
    EvalResult eval;
    int from = 0;
    try (Backend.Program program = ctx.backend().open(comps, cfg)) {
      err.println("device: " + program.device()); // engine: the device actually used
      Provenance.recordDevice(files, provenance, program.device());
      Provenance.recordJit(files, provenance, cfg.jit());
      if (resume) {
        Optional<Checkpoints.State> restored = program.resume(checkpoints);
        for (String s : checkpoints.skipped()) {
          err.println("warning: skipped checkpoint " + s);
        }
        from = restored.map(Checkpoints.State::step).orElse(0);
        restored.ifPresent(s -> seen.restore(s.metadata()));
        err.println(from > 0 ? "resumed from checkpoint at step " + from + "/" + steps
            : "no intact checkpoint: training from step 0");
        List<String> removed = removeDerived(dir, from == 0);
        if (!removed.isEmpty()) {
          err.println("removed artifacts of the earlier state: " + String.join(", ", removed));
        }
        status = status.withoutArtifacts(DERIVED).withoutArtifacts(LOGS);
        Provenance.recordResume(files, provenance, ctx.clock().instant(), from, ctx.args());
      }
      status = status.to(State.TRAINING, from, null, ctx.clock().instant());
      dir.writeStatus(files, status);
      ProgressPrinter progress = new ProgressPrinter(err, steps, cfg.train().logEvery(), ctx.interactive(), from);
      try (SignalStop signals = new SignalStop(checkpoints::requestStop);
          MetricsCsv csv = resume
              ? MetricsCsv.resume(dir.file("metrics.csv"), cfg.train().logEvery(), steps, from, history)
              : new MetricsCsv(dir.file("metrics.csv"), cfg.train().logEvery(), steps);
          CurvesCsv curves = !cfg.eval().curves() ? null : resume
              ? CurvesCsv.resume(files, dir.file(CurvesCsv.FILE), from)
              : CurvesCsv.create(dir.file(CurvesCsv.FILE));
          Tracker tracker = ctx.backend().tracker(dir.file("tb"), cfg.train().logEvery())) {
        List<RunListener> listeners = new ArrayList<>(List.of(progress, csv, history, tracker, seen));
        if (curves != null) {
          List<RunMetric> curveMetrics = StandardMetrics.curveMetrics(plan.metrics(), cfg.eval().curveSinkhorn());
          listeners.add(new CurveRecorder(curves, tracker,
              e -> ctx.backend().metrics(cfg, ctx.backend().report(cfg, comps.target(), e), curveMetrics),
              seen.secondsBefore, err));
        }
        try {
          train = program.train(new CompositeListener(listeners), checkpoints, cfg.train().checkpointEvery());
        } catch (TrainingInterruptedException e) {
          progress.finish();
          dir.writeStatus(files, withLogs(status, dir, e.step())
              .to(State.INTERRUPTED, e.step(), "signal", ctx.clock().instant()));
          err.println("interrupted at step " + e.step() + "/" + steps + ": checkpoint written; continue with: "
              + "pathspace run --resume " + dir.dir());
          return new Outcome(null, ExitCodes.INTERRUPTED, State.INTERRUPTED);
        } catch (TrainingDivergedException e) {
          dir.writeStatus(files, status.to(State.FAILED, seen.step, firstLine(e.getMessage()), ctx.clock().instant()));
          throw e;
        }
        progress.finish();
        train = seen.merge(train);
        if (train.trainableParameters() >= 0) {
          err.println("trainable parameters: " + train.trainableParameters());
        }
        files.writeString(dir.file("train.json"), SummaryJson.toJson(trainJson(train)));
        status = withLogs(status, dir, steps).to(State.TRAINED, steps, null, ctx.clock().instant())
            .withArtifact("train.json", steps);
        dir.writeStatus(files, status);
        eval = program.evaluate();
        if (comps.target().groundTruth().isPresent()) { // the forward metrics exist but are null: say why
          eval.targetPath().reason().ifPresent(why -> err.println("note: eubo and forward_ess are null: " + why));
        }
        EvaluationReport report = ctx.backend().report(cfg, comps.target(), eval);
        MetricValues metrics = ctx.backend().metrics(cfg, report, plan.metrics());
        tracker.onEval(steps, metrics.asMap());
        RunSummary summary = RunSummary.of(cfg, comps.target().dim(), train, metrics, from);
        // the evaluation is saved before any plot is drawn: a failing plot never loses it
        files.writeString(dir.file("summary.json"), SummaryJson.toJson(summary));
        status = status.to(State.EVALUATED, steps, null, ctx.clock().instant()).withArtifact("summary.json", steps);
        dir.writeStatus(files, status);
        FinalSamples.write(files, dir.file(FinalSamples.FILE), report);
        status = status.withArtifact(FinalSamples.FILE, steps);
        dir.writeStatus(files, status);
        List<String> plotted = plots(dir, report, metrics, history, title);
        for (String p : plotted) {
          status = status.withArtifact(p, steps);
        }
        Provenance.recordFinish(files, provenance, ctx.clock().instant());
        return finish(dir, status, summary, train, eval, origin);
      }
    } catch (WriteFailedException e) {
      throw new WriteFailedException(e.path(), e.reason() + "; kept: " + kept(dir), e);
    }
  }

  /**
   * {@code status} recording the {@link #LOGS} that exist in {@code dir} as made up to {@code step}
   * ({@code curves.csv} is written at its first point, so a run without one has none).
   */
  private static Status withLogs(Status status, RunDirectory dir, int step) {
    Status s = status;
    for (String log : LOGS) {
      if (Files.isRegularFile(dir.file(log))) {
        s = s.withArtifact(log, step);
      }
    }
    return s;
  }

  /** The status of a run to resume; refuses a directory whose config.yaml no longer matches it. */
  private Status identityForResume(RunDirectory dir, RunConfig cfg, String fingerprint) {
    Optional<Status> st = dir.status();
    if (st.isEmpty()) { // a directory of an older pathspace (config.yaml, no run.json): adopt it
      Status s = RunDirectory.newStatus(fingerprint, Provenance.pathspaceVersion(), ctx.clock().instant());
      if (!Files.isRegularFile(dir.file("config.yaml"))) {
        return null;
      }
      return s;
    }
    Status s = st.get();
    if (!s.fingerprint().equals(fingerprint)) {
      throw new ConfigException("Cannot resume '" + dir.dir() + "': its configuration (fingerprint "
          + fingerprint + ") is not the one the run started with (" + s.fingerprint() + "); was config.yaml "
          + "edited? Restore it, or start a new run with --config " + dir.file("config.yaml")
          + " and a fresh --out");
    }
    return s;
  }

  private Outcome finish(
      RunDirectory dir, Status status, RunSummary summary, TrainSummary train, EvalResult eval,
      Origin origin) {
    AtomicFiles files = ctx.files();
    int steps = train.steps();
    double fraction = steps == 0 ? 0 : train.skipped() / (double) steps;
    if (steps > 0 && fraction > origin.maxSkippedFraction()) {
      String why = String.format(Locale.ROOT, "did not train: %d of %d steps skipped as non-finite or above "
          + "train.maxLoss (%.0f%% > --max-skipped-fraction %.2f)", train.skipped(), steps, 100 * fraction,
          origin.maxSkippedFraction());
      dir.writeStatus(files, status.to(State.FAILED, steps, why, ctx.clock().instant()));
      ctx.err().println("error: " + why + "; summary.json is kept for inspection, the run is not complete");
      return new Outcome(summary, ExitCodes.DID_NOT_TRAIN, State.FAILED);
    }
    List<String> nonFinite = new ArrayList<>();
    for (String k : MUST_BE_FINITE) {
      if (summary.toJsonMap().get(k) instanceof Number n && !Double.isFinite(n.doubleValue())) {
        nonFinite.add(k + "=" + n);
      }
    }
    long finiteTrajectories = java.util.Arrays.stream(eval.logRnd()).filter(Double::isFinite).count();
    if (eval.logRnd().length > 0 && finiteTrajectories == 0) {
      nonFinite.add("0/" + eval.logRnd().length + " finite evaluation trajectories");
    }
    if (!nonFinite.isEmpty()) {
      String why = "evaluation non-finite: " + String.join(", ", nonFinite);
      dir.writeStatus(files, status.to(State.FAILED, steps, why, ctx.clock().instant()));
      ctx.err().println("error: the run trained but its " + why + "; summary.json is kept, the run is not complete");
      return new Outcome(summary, ExitCodes.EVAL_NON_FINITE, State.FAILED);
    }
    dir.writeStatus(files, status.to(State.COMPLETE, steps, null, ctx.clock().instant()));
    return new Outcome(summary, ExitCodes.OK, State.COMPLETE);
  }

  /** Draws the plots (each atomically; a failure is reported and the run goes on); returns those written. */
  private List<String> plots(
      RunDirectory dir, EvaluationReport report, MetricValues metrics, StepHistory history, String title) {
    AtomicFiles files = ctx.files();
    List<String> written = new ArrayList<>();
    if (guarded("loss.png", () -> files.writeAll(List.of(dir.file("loss.png")), t -> LossPlot.write(
        t.get(0), null, "training loss: " + title, history.steps(), history.losses())))) {
      written.add("loss.png");
    }
    if (guarded("samples.png", () -> files.writeAll(List.of(dir.file("samples.png"), dir.file("samples.svg")),
        t -> SamplePlot.write(t.get(0), t.get(1), report, metrics, title)))) {
      written.addAll(List.of("samples.png", "samples.svg"));
    }
    if (guarded("marginals.png", () -> files.writeAll(
        List.of(dir.file("marginals.png"), dir.file("marginals.svg")),
        t -> MarginalPlot.write(t.get(0), t.get(1), report, title)))) {
      written.addAll(List.of("marginals.png", "marginals.svg"));
    }
    var ce = report.eval().controlError();
    if (ce.computed() && guarded("control_error.csv",
        () -> files.writeString(dir.file("control_error.csv"), ControlErrorPlot.csv(ce)))) {
      written.add("control_error.csv");
    }
    if (ce.computed() && ce.heatmap() != null && guarded("control_error.png", () -> files.writeAll(
        List.of(dir.file("control_error.png")), t -> ControlErrorPlot.write(t.get(0), ce, "control error: " + title)))) {
      written.add("control_error.png");
    }
    return written;
  }

  /** Plots must not lose a finished run: report failures and continue; returns whether it worked. */
  private boolean guarded(String what, Runnable r) {
    try {
      r.run();
      return true;
    } catch (RuntimeException e) {
      ctx.err().println("warning: could not write " + what + ": " + firstLine(e.getMessage() == null
          ? e.toString() : e.getMessage()) + " (summary.json is kept)");
      return false;
    }
  }

  /** Removes derived artifacts (and, for a restart from step 0, the old metrics, curve and TensorBoard files). */
  private static List<String> removeDerived(RunDirectory dir, boolean fromScratch) {
    List<String> names = new ArrayList<>(DERIVED);
    if (fromScratch) {
      names.addAll(List.of("metrics.csv", CurvesCsv.FILE, "tb"));
    }
    List<String> removed = new ArrayList<>();
    for (String n : names) {
      try {
        if (AtomicFiles.deleteRecursively(dir.file(n))) {
          removed.add(n);
        }
      } catch (IOException e) {
        throw new WriteFailedException(dir.file(n), "cannot remove stale " + n + ": " + AtomicFiles.reason(e), e);
      }
    }
    return removed;
  }

  /** What a failed write leaves usable, for the error line. */
  private static String kept(RunDirectory dir) {
    List<String> k = new ArrayList<>();
    for (String n : List.of("config.yaml", "summary.json", "metrics.csv", CurvesCsv.FILE)) {
      if (Files.isRegularFile(dir.file(n))) {
        k.add(n);
      }
    }
    List<Path> cps = new Checkpoints(dir.file(CHECKPOINTS)).all();
    if (!cps.isEmpty()) {
      k.add("checkpoints up to " + cps.get(cps.size() - 1).getFileName());
    }
    return k.isEmpty() ? "nothing" : String.join(", ", k)
        + (Files.isRegularFile(dir.file("summary.json")) ? "" : " (resume with 'pathspace run --resume " + dir.dir() + "')");
  }

  private static Map<String, Object> trainJson(TrainSummary t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("train_steps", t.steps());
    m.put("steps_skipped", t.skipped());
    m.put("train_seconds", t.seconds());
    m.put("build_seconds", t.buildSeconds());
    m.put("trainable_parameters", t.trainableParameters());
    m.put("final_diagnostics", t.finalDiagnostics());
    return m;
  }

  private static String codeVersion(Map<String, Object> provenance) {
    Map<?, ?> git = provenance.get("git") instanceof Map<?, ?> g ? g : Map.of();
    Map<?, ?> code = provenance.get("code") instanceof Map<?, ?> c ? c : Map.of();
    return Provenance.codeVersion(String.valueOf(provenance.get("pathspace_version")),
        git.get("commit") == null ? null : String.valueOf(git.get("commit")), Boolean.TRUE.equals(git.get("dirty")),
        code.get("sha256") instanceof String h ? h : null);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Follows training for the checkpoint metadata: training seconds accumulated over every process of the
   * run and the last finite divergence diagnostics, so a run resumed from its final checkpoint (killed
   * while evaluating) reports the same {@code train_seconds} and {@code final_*} entries.
   */
  private static final class Progress implements RunListener {
    private double secondsBefore;
    private double seconds;
    private int step;
    private Map<String, Double> diagnostics = Map.of();

    @Override
    public void onStep(StepRecord r) {
      seconds = r.seconds();
      step = r.step();
      if (!r.skipped() && r.diagnostics() != null && !r.diagnostics().isEmpty()) {
        diagnostics = new LinkedHashMap<>(r.diagnostics());
      }
    }

    Map<String, String> metadata() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("train_seconds", Double.toString(secondsBefore + seconds));
      diagnostics.forEach((k, v) -> m.put("diag." + k, Double.toString(v)));
      return m;
    }

    void restore(Map<String, String> meta) {
      try {
        secondsBefore = Double.parseDouble(meta.getOrDefault("train_seconds", "0"));
        Map<String, Double> d = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
          if (k.startsWith("diag.")) {
            d.put(k.substring(5), Double.parseDouble(v));
          }
        });
        diagnostics = d;
      } catch (NumberFormatException e) {
        secondsBefore = 0; // metadata of a hand-edited checkpoint: only the timing is lost
      }
    }

    /** {@code t} with the seconds of earlier processes added and the diagnostics filled in if empty. */
    TrainSummary merge(TrainSummary t) {
      Map<String, Double> diag = t.finalDiagnostics() == null || t.finalDiagnostics().isEmpty()
          ? diagnostics : t.finalDiagnostics();
      return new TrainSummary(t.steps(), t.skipped(), secondsBefore + t.seconds(), t.buildSeconds(), diag,
          t.trainableParameters());
    }
  }
}
