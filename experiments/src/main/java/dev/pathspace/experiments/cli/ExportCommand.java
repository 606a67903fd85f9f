package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.ConfigYaml;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.Checkpoints;
import dev.pathspace.experiments.output.RunDirectory;
import java.util.Optional;
import dev.pathspace.experiments.engine.RunComponents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pathspace export DIR}: writes {@code DIR/saved_model/}, a SavedModel of the trained sampler. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export the trained sampler of a run directory as a TensorFlow SavedModel (DIR/saved_model).")
final class ExportCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "DIR", description = "run directory with config.yaml and checkpoints/")
  Path dir;

  @Option(names = "--out", paramLabel = "MODEL_DIR", description = "SavedModel directory (default DIR/saved_model)")
  Path out;

  ExportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path run = ctx.workDir().resolve(dir);
    Path cfgFile = run.resolve("config.yaml");
    if (!Files.isRegularFile(cfgFile)) {
      throw new ConfigException("Cannot export '" + run + "': no config.yaml (not a run directory)");
    }
    PluginRegistry registry = ctx.registry().get();
    RunPlan plan = new RunPlanner(registry).plan(cfgFile, List.of());
    RunConfig cfg = plan.config();
    RunComponents comps = plan.components();
    RunDirectory runDir = RunDirectory.existing(run);
    Optional<RunDirectory.Status> status = runDir.status();
    Checkpoints checkpoints = new Checkpoints(run.resolve(RunLifecycle.CHECKPOINTS));
    Path latest = checkpoints.latest().orElseThrow(() -> new ConfigException(
        "No intact checkpoint in '" + run.resolve(RunLifecycle.CHECKPOINTS) + "': train the run first"
            + " (pathspace run / run --resume)"));
    checkpoints.skipped().forEach(s -> ctx.err().println("warning: skipped checkpoint " + s));
    int step = Integer.parseInt(latest.getFileName().toString().substring("step-".length()));
    String fingerprint = status.map(RunDirectory.Status::fingerprint).orElse(ConfigYaml.fingerprint(cfg));
    if (status.isPresent() && !status.get().fingerprint().equals(ConfigYaml.fingerprint(cfg))) {
      throw new ConfigException("Cannot export '" + run + "': config.yaml no longer matches the run (fingerprint "
          + ConfigYaml.fingerprint(cfg) + ", the run " + fingerprint + ")");
    }
    boolean complete = status.map(s -> s.state() == RunDirectory.State.COMPLETE).orElse(false);
    if (!complete || step < cfg.train().steps()) {
      ctx.err().println("warning: the run is unfinished (state " + status.map(s -> s.state().key()).orElse("unknown")
          + "): exporting its checkpoint at step " + step + "/" + cfg.train().steps()
          + "; 'run --resume' later removes this export");
    }
    Path target = out != null ? ctx.workDir().resolve(out) : run.resolve("saved_model");
    int[] batch = new int[1];
    ctx.files().writeDirectory(target, tmp -> {
      batch[0] = ctx.backend().export(comps, cfg, run.resolve(RunLifecycle.CHECKPOINTS), tmp);
      Files.writeString(tmp.resolve(ExportStamp.FILE), ExportStamp.json(run, fingerprint, step));
    });
    if (status.isPresent() && target.equals(run.resolve("saved_model"))) {
      runDir.writeStatus(ctx.files(), status.get().withArtifact("saved_model", step));
    }
    ctx.out().println("exported " + RunCommand.title(cfg) + " -> " + target);
    ctx.out().println("signature: sample(seed: int64[2]) -> {samples [" + batch[0] + "," + comps.target().dim()
        + "], log_rnd [" + batch[0] + "], log_rnd_no_ito [" + batch[0] + "]}  (" + cfg.precision() + ")");
    ctx.out().flush();
    return 0;
  }
}
