package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.compose.PluginRegistry;
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

  @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
  Path json;

  @Option(names = "--suite", description = "run the standard set (each row in its own JVM) and print a Markdown table")
  boolean suite;

  @Option(names = "--markdown", paramLabel = "FILE", description = "with --suite: also write the Markdown table here")
  Path markdown;

  @Option(names = "--compare", paramLabel = "FILE", description = "compare with a saved --json file; flag rows > 10 %% slower (exit 3)")
  Path compare;

  @Option(names = "--label", hidden = true, description = "row label (used by --suite child processes)")
  String label;

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
    if (suite) {
      return runSuite();
    }
    PluginRegistry registry = ctx.registry().get();
    RunPlan plan = new RunPlanner(registry).plan(config == null ? null : ctx.workDir().resolve(config), overrides);
    RunConfig cfg = plan.config();
    RunComponents comps = plan.components();
    PrintStream out = ctx.out();
    out.println(RunCommand.title(cfg) + String.format(Locale.ROOT,
        "  (d=%d, batch %d, %d timesteps, %s, threads %d/%d)", comps.target().dim(), cfg.train().batch(),
        cfg.train().timesteps(), cfg.precision(), cfg.intraThreads(), cfg.interThreads()));
    BenchResult b;
    String device;
    try (Backend.Program session = ctx.backend().open(comps, cfg)) {
      device = session.device();
      b = session.benchmark(warmup, steps);
    }
    out.println(String.format(Locale.ROOT, "%-18s %s", "device", device));
    out.println(String.format(Locale.ROOT, "%-18s %s", "jit", cfg.jit()));
    out.print(format(b));
    out.println(String.format(Locale.ROOT, "%-18s %12.1f %%", "network/matmul", 100 * b.networkGflops() / b.matmulGflops()));
    out.flush();
    com.fasterxml.jackson.databind.node.ObjectNode node =
        BenchSuite.toJson(label != null ? label : String.join(" ", overrides), overrides, b);
    node.put("device", device);
    node.put("jit", cfg.jit());
    if (json != null) {
      BenchSuite.write(ctx.workDir().resolve(json), node);
    }
    if (compare != null) {
      List<String> slower = BenchSuite.regressions(List.of(node), BenchSuite.read(ctx.workDir().resolve(compare)));
      slower.forEach(out::println);
      return slower.isEmpty() ? 0 : 3;
    }
    return 0;
  }

  private int runSuite() {
    PrintStream out = ctx.out();
    List<com.fasterxml.jackson.databind.JsonNode> rows = new ArrayList<>();
    for (java.util.Map.Entry<String, List<String>> row : BenchSuite.rows().entrySet()) {
      out.println("== " + row.getKey());
      out.flush();
      rows.add(runChild(row.getKey(), row.getValue()));
    }
    com.fasterxml.jackson.databind.node.ArrayNode all = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
    rows.forEach(all::add);
    if (json != null) {
      BenchSuite.write(ctx.workDir().resolve(json), all);
    }
    String table = BenchSuite.markdown(rows);
    out.print(table);
    if (markdown != null) {
      try {
        java.nio.file.Files.writeString(ctx.workDir().resolve(markdown), table);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    if (compare != null) {
      List<String> slower = BenchSuite.regressions(rows, BenchSuite.read(ctx.workDir().resolve(compare)));
      slower.forEach(out::println);
      out.println(slower.isEmpty() ? "no row is more than 10 % slower than " + compare : slower.size() + " row(s) slower");
      return slower.isEmpty() ? 0 : 3;
    }
    return 0;
  }

  /** Runs one row in a fresh JVM (so that peak RSS is the row's own) and reads its JSON back. */
  private com.fasterxml.jackson.databind.JsonNode runChild(String rowLabel, List<String> rowOverrides) {
    try {
      Path tmp = java.nio.file.Files.createTempFile("pathspace-bench", ".json");
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx8g", "-Djava.awt.headless=true",
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
          "--warmup", String.valueOf(warmup), "--steps", String.valueOf(steps), "--json", tmp.toString(),
          "--label", rowLabel));
      if (config != null) {
        cmd.add("--config");
        cmd.add(ctx.workDir().resolve(config).toString());
      }
      cmd.addAll(rowOverrides);
      cmd.addAll(overrides);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      ctx.out().print(log);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("benchmark row '" + rowLabel + "' failed (exit " + p.exitValue() + ")");
      }
      com.fasterxml.jackson.databind.JsonNode node = BenchSuite.read(tmp);
      java.nio.file.Files.deleteIfExists(tmp);
      return node;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
