package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.ConfigYaml;
import dev.pathspace.experiments.config.Presets;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.output.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pathspace run}: resolve and validate the configuration, create the run directory and write
 * {@code config.yaml} and {@code provenance.json}, train (progress, {@code metrics.csv}, TensorBoard,
 * checkpoints), evaluate, compute metrics, write the plots and {@code summary.json}, print a summary
 * table. {@code --resume DIR} continues an interrupted run from its newest checkpoint.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Train and evaluate one configuration; writes a run directory.")
final class RunCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/<time>-<overrides>)")
  Path out;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML overlay over the defaults")
  Path config;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "named bundle applied over the defaults, below --config (repeatable): ${COMPLETION-CANDIDATES}",
      completionCandidates = PresetNames.class)
  List<String> presets = new ArrayList<>();

  @Option(names = "--resume", paramLabel = "DIR",
      description = "continue the interrupted run in DIR from its newest checkpoint (uses DIR/config.yaml)")
  Path resume;

  @Option(names = "--max-skipped-fraction", paramLabel = "F", defaultValue = "0.5",
      description = "a run with more than this fraction of its steps skipped as non-finite did not train"
          + " (exit code 5; default ${DEFAULT-VALUE})")
  double maxSkippedFraction;

  @Parameters(paramLabel = "key=value", description = "overrides, e.g. divergence=moment train.steps=500")
  List<String> overrides = new ArrayList<>();

  RunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Shipped preset names for the help text. */
  static final class PresetNames extends ArrayList<String> {
    PresetNames() {
      super(Presets.names());
    }
  }

  static String title(RunConfig c) {
    return c.sampler().type() + " / " + c.divergence().type() + " on " + c.target().type();
  }

  @Override
  public Integer call() {
    PluginRegistry registry = ctx.registry().get();
    if (resume != null) {
      if (out != null || config != null || !presets.isEmpty() || !overrides.isEmpty()) {
        // a fresh --out and --resume exclude each other
        throw new ConfigException(
            "--resume DIR takes no other options or overrides: the run continues with DIR/config.yaml");
      }
      return resume(registry, ctx.workDir().resolve(resume));
    }
    Path configFile = config == null ? null : ctx.workDir().resolve(config);
    RunPlan plan = new RunPlanner(registry).plan(presets, configFile, List.of(overrides));
    RunConfig cfg = plan.config();
    RunComponents comps = plan.components();
    List<String> nameParts = new ArrayList<>();
    presets.forEach(p -> nameParts.add("preset=" + p));
    nameParts.addAll(overrides);
    checkFraction(maxSkippedFraction);
    MemoryEstimate.check(cfg, comps.target().dim()); // before any directory or graph
    if (out != null) {
      RunDirectory.existing(ctx.workDir().resolve(out)).requireFreshFor(ConfigYaml.fingerprint(cfg));
    }
    RunDirectory dir =
        out != null
            ? RunDirectory.create(ctx.workDir().resolve(out))
            : RunDirectory.createUnique(
                ctx.workDir().resolve("runs"),
                RunDirectory.defaultName(LocalDateTime.now(ctx.clock()), config, nameParts));
    RunLifecycle.Outcome outcome = new RunLifecycle(ctx).execute(cfg, comps, dir, false,
        new RunLifecycle.Origin(configFile, describe(presets), Map.of()).withMaxSkippedFraction(maxSkippedFraction));
    print(cfg, dir, outcome);
    return outcome.exitCode();
  }

  /** Checks {@code --max-skipped-fraction}. */
  static void checkFraction(double f) {
    if (!(f >= 0 && f <= 1)) {
      throw new ConfigException("Invalid --max-skipped-fraction " + f + ": must be in [0, 1]");
    }
  }

  private int resume(PluginRegistry registry, Path dirPath) {
    Path cfgFile = dirPath.resolve("config.yaml");
    if (!Files.isRegularFile(cfgFile)) {
      throw new ConfigException("Cannot resume '" + dirPath + "': no config.yaml (not a run directory)");
    }
    RunDirectory existing = RunDirectory.existing(dirPath);
    var status = existing.status();
    boolean hasSummary = Files.exists(dirPath.resolve("summary.json"));
    if (status.map(s -> s.state() == RunDirectory.State.COMPLETE).orElse(hasSummary) && hasSummary) {
      ctx.err().println("run in '" + dirPath + "' is already complete: nothing to do");
      return 0;
    }
    if (status.map(s -> s.state() == RunDirectory.State.COMPLETE).orElse(false)) {
      ctx.err().println("warning: run.json says complete but summary.json is missing: resuming");
    }
    RunPlan plan = new RunPlanner(registry).plan(cfgFile, List.of());
    RunConfig cfg = plan.config();
    RunComponents comps = plan.components();
    checkFraction(maxSkippedFraction);
    MemoryEstimate.check(cfg, comps.target().dim());
    RunDirectory dir = RunDirectory.create(dirPath);
    RunLifecycle.Outcome outcome = new RunLifecycle(ctx).execute(cfg, comps, dir, true,
        RunLifecycle.Origin.plain(cfgFile).withMaxSkippedFraction(maxSkippedFraction));
    print(cfg, dir, outcome);
    return outcome.exitCode();
  }

  private void print(RunConfig cfg, RunDirectory dir, RunLifecycle.Outcome outcome) {
    if (outcome.summary() == null) {
      return;
    }
    ctx.out().println(title(cfg) + "  ->  " + dir.dir());
    ctx.out().print(SummaryTable.format(outcome.summary()));
    ctx.out().flush();
  }

  /** Preset name → its {@code about:} text, in order (for provenance). */
  static Map<String, String> describe(List<String> presets) {
    Map<String, String> m = new LinkedHashMap<>();
    presets.forEach(p -> m.put(p, Presets.about(p)));
    return m;
  }
}
