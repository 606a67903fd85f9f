package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.ConfigYaml;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.output.Provenance;
import dev.pathspace.experiments.output.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pathspace rerun DIR}: repeats a run from its resolved {@code DIR/config.yaml} in a new run
 * directory (as Tribuo's {@code ReproUtil}); the new provenance records {@code rerun_of} and the original
 * run's git commit, so differences can be traced to code changes.
 */
@Command(
    name = "rerun",
    mixinStandardHelpOptions = true,
    description = "Repeat a run from DIR/config.yaml in a new run directory.")
final class RerunCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "DIR", description = "run directory to repeat")
  Path source;

  @Option(names = "--out", paramLabel = "NEW", description = "new run directory (default runs/<time>-rerun-<DIR name>)")
  Path out;

  RerunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    PluginRegistry registry = ctx.registry().get();
    Path src = ctx.workDir().resolve(source);
    Path cfgFile = src.resolve("config.yaml");
    if (!Files.isRegularFile(cfgFile)) {
      throw new ConfigException("Cannot rerun '" + src + "': no config.yaml (not a run directory)");
    }
    RunPlan plan = new RunPlanner(registry).plan(cfgFile, List.of());
    RunConfig cfg = plan.config();
    RunComponents comps = plan.components();
    MemoryEstimate.check(cfg, comps.target().dim()); // before any directory or graph
    if (out != null) {
      RunDirectory.existing(ctx.workDir().resolve(out)).requireFreshFor(ConfigYaml.fingerprint(cfg));
    }
    RunDirectory dir = out != null
        ? RunDirectory.create(ctx.workDir().resolve(out))
        : RunDirectory.createUnique(ctx.workDir().resolve("runs"),
            RunDirectory.defaultName(LocalDateTime.now(ctx.clock()), null,
                List.of("rerun-" + src.toAbsolutePath().normalize().getFileName())));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("rerun_of", src.toAbsolutePath().normalize().toString());
    Map<String, Object> old = Provenance.read(src.resolve("provenance.json"));
    extra.put("rerun_of_git", old == null ? null : old.get("git"));
    RunLifecycle.Outcome outcome = new RunLifecycle(ctx).execute(
        cfg, comps, dir, false, new RunLifecycle.Origin(cfgFile, Map.of(), extra));
    if (outcome.summary() != null) {
      ctx.out().println(RunCommand.title(cfg) + "  ->  " + dir.dir());
      ctx.out().print(SummaryTable.format(outcome.summary()));
      ctx.out().flush();
    }
    return outcome.exitCode();
  }
}
