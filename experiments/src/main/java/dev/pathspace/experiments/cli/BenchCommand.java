package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.compose.Composer;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.ConfigResolver;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.RunComponents;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pathspace bench}: builds the configured program and prints its speed figures. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmark one configuration: build time, ms/step, evaluation throughput, memory.")
final class BenchCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--warmup", defaultValue = "5", description = "untimed warm-up steps (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--steps", defaultValue = "20", description = "timed training steps (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML overlay over the defaults")
  Path config;

  @Parameters(paramLabel = "key=value", description = "overrides, e.g. sampler=pis train.batch=1024")
  List<String> overrides = new ArrayList<>();

  BenchCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (warmup < 0 || steps < 1) {
      throw new dev.pathspace.api.ConfigException(
          "Invalid bench options: --warmup must be >= 0 and --steps >= 1 (got " + warmup + ", " + steps + ")");
    }
    PluginRegistry registry = ctx.registry().get();
    RunConfig cfg =
        new ConfigResolver(registry).resolve(config == null ? null : ctx.workDir().resolve(config), overrides);
    RunComponents comps = new Composer(registry).compose(cfg);
    PrintStream out = ctx.out();
    out.println(RunCommand.title(cfg) + String.format(Locale.ROOT,
        "  (d=%d, batch %d, %d timesteps, %s, threads %d/%d)", comps.target().dim(), cfg.train().batch(),
        cfg.train().timesteps(), cfg.precision(), cfg.intraThreads(), cfg.interThreads()));
    BenchResult b;
    try (RunSession session = ctx.backend().open(comps, cfg)) {
      b = session.benchmark(warmup, steps);
    }
    out.print(format(b));
    out.flush();
    return 0;
  }

  static String format(BenchResult b) {
    StringBuilder sb = new StringBuilder();
    row(sb, "build", b.buildSeconds(), "s");
    row(sb, "first step", b.firstStepSeconds(), "s");
    row(sb, "step (median)", b.msPerStep(), "ms");
    row(sb, "training", b.stepsPerSecond(), "steps/s");
    row(sb, "evaluation", b.evalTrajectoriesPerSecond(), "trajectories/s");
    row(sb, "peak RSS", b.peakRssMb(), "MiB");
    row(sb, "network", b.networkGflops(), "GFLOP/s");
    row(sb, "matmul reference", b.matmulGflops(), "GFLOP/s");
    return sb.toString();
  }

  private static void row(StringBuilder sb, String label, double v, String unit) {
    sb.append(String.format(Locale.ROOT, "%-18s %12s %s%n", label, SummaryTable.number(v), unit));
  }
}
