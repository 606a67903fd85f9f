package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.RunConfig;
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
    Path target = out != null ? ctx.workDir().resolve(out) : run.resolve("saved_model");
    int batch = ctx.backend().export(comps, cfg, run.resolve(RunExecutor.CHECKPOINTS), target);
    ctx.out().println("exported " + RunCommand.title(cfg) + " -> " + target);
    ctx.out().println("signature: sample(seed: int64[2]) -> {samples [" + batch + "," + comps.target().dim()
        + "], log_rnd [" + batch + "], log_rnd_no_ito [" + batch + "]}  (" + cfg.precision() + ")");
    ctx.out().flush();
    return 0;
  }
}
