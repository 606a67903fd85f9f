package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.ConfigYaml;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.output.RunDirectory;
import dev.pathspace.experiments.output.RunSummary;
import dev.pathspace.experiments.sweep.Sharding;
import dev.pathspace.experiments.sweep.SweepFailures;
import dev.pathspace.experiments.sweep.SweepManifest;
import dev.pathspace.experiments.sweep.SweepPlan;
import dev.pathspace.experiments.sweep.SweepPoint;
import dev.pathspace.experiments.sweep.SweepSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pathspace sweep FILE.yaml}: expands the grid (fixed order, see {@link SweepPlan}), validates every
 * point's configuration before any training, writes {@code sweep-manifest.json}, then runs this shard's
 * points one after another in {@code ROOT/<point name>/}: complete points ({@code summary.json}) are
 * skipped, points with checkpoints are resumed, points locked by another process are skipped. A failed
 * point is reported and the shard continues; the exit code is then 1.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Run a grid of configurations (optionally one shard of it); idempotent and resumable.")
final class SweepCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "FILE", description = "sweep YAML (preset:, base:, grid:)")
  Path file;

  @Option(names = "--out", paramLabel = "ROOT", description = "sweep root (default runs/sweep-<FILE stem>)")
  Path out;

  @Option(names = "--shard-index", paramLabel = "I", description = "run the points with index mod N == I")
  Integer shardIndex;

  @Option(names = "--num-shards", paramLabel = "N", description = "number of shards")
  Integer numShards;

  @Option(names = "--max-skipped-fraction", paramLabel = "F", defaultValue = "0.5",
      description = "a point with more than this fraction of its steps skipped did not train (failed)")
  double maxSkippedFraction;

  @Option(names = "--dry-run", description = "validate and list this shard's points without training")
  boolean dryRun;

  SweepCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  private record Planned(SweepPoint point, RunPlan run, Path dir) {
    RunConfig config() {
      return run.config();
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintStream err = ctx.err();
    Path sweepFile = ctx.workDir().resolve(file);
    SweepSpec spec = SweepSpec.read(sweepFile);
    Sharding shard = Sharding.resolve(shardIndex, numShards, ctx.env());
    String stem = sweepFile.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
    Path root = ctx.workDir().resolve(out != null ? out : Path.of("runs", "sweep-" + stem));
    List<SweepPoint> points = SweepPlan.expand(spec);
    PluginRegistry registry = ctx.registry().get();
    RunCommand.checkFraction(maxSkippedFraction);
    List<Planned> plan = validate(registry, spec, points, root);
    SweepManifest.write(root, SweepManifest.build(sweepFile, spec, points, shard.count()));
    List<Planned> mine = plan.stream().filter(p -> p.point().belongsTo(shard)).toList();
    err.printf("sweep %s: %d points, shard %d of %d (%s): %d points -> %s%n", sweepFile.getFileName(),
        points.size(), shard.index(), shard.count(), shard.source(), mine.size(), root);
    threadPoolWarning(mine.stream().map(Planned::config).toList()).ifPresent(err::println);
    int done = 0;
    int skipped = 0;
    int resumed = 0;
    List<String> failed = new ArrayList<>();
    for (Planned p : mine) {
      String label = String.format("[%d/%d] %s", p.point().index() + 1, points.size(), p.point().name());
      RunDirectory existing = RunDirectory.existing(p.dir());
      Optional<RunDirectory.Status> status;
      try {
        status = existing.status();
      } catch (ConfigException e) {
        err.println(label + ": FAILED: " + e.getMessage());
        failed.add(p.point().name());
        continue;
      }
      boolean legacyComplete = status.isEmpty() && Files.exists(p.dir().resolve("summary.json"));
      boolean complete = status.map(s -> s.state() == RunDirectory.State.COMPLETE).orElse(false)
          && Files.exists(p.dir().resolve("summary.json"));
      if (legacyComplete || complete) {
        err.println(label + ": complete, skipped");
        skipped++;
        continue;
      }
      if (status.map(s -> s.state() == RunDirectory.State.FAILED).orElse(false)) {
        err.println(label + ": failed earlier (" + status.get().reason() + "); not retried: remove "
            + p.dir() + " to run it again");
        failed.add(p.point().name());
        continue;
      }
      boolean resume = status.isPresent() || Files.isRegularFile(p.dir().resolve("config.yaml"));
      if (dryRun) {
        err.println(label + (resume ? ": would resume" : ": would run"));
        continue;
      }
      err.println(label + (resume ? ": resuming" : ": running"));
      SweepFailures.clear(p.dir());
      try {
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("file", sweepFile.toAbsolutePath().normalize().toString());
        sweep.put("point", p.point().index());
        sweep.put("overrides", p.point().overrides());
        sweep.put("shard_index", shard.index());
        sweep.put("num_shards", shard.count());
        RunLifecycle.Outcome outcome = new RunLifecycle(ctx).execute(p.run(), RunDirectory.create(p.dir()), resume,
            new RunLifecycle.Origin(null, RunCommand.describe(spec.resolve(p.point()).presets()), Map.of("sweep", sweep))
                .withMaxSkippedFraction(maxSkippedFraction));
        if (outcome.exitCode() == ExitCodes.INTERRUPTED) {
          err.println("sweep interrupted: re-submit the same command to continue");
          return ExitCodes.INTERRUPTED;
        }
        if (outcome.summary() != null) {
          ctx.out().println(label + "  " + headline(outcome.summary()));
          ctx.out().flush();
        }
        if (outcome.exitCode() != ExitCodes.OK) {
          failed.add(p.point().name());
        } else if (resume) {
          resumed++;
        } else {
          done++;
        }
      } catch (ConfigException e) {
        err.println(label + ": skipped: " + e.getMessage());
        skipped++;
      } catch (dev.pathspace.experiments.storage.WriteFailedException e) {
        err.println(label + ": FAILED: " + e.getMessage());
        err.println("sweep stopped: files cannot be written; free space and re-submit the same command");
        return ExitCodes.STORAGE;
      } catch (RuntimeException e) {
        err.println(label + ": FAILED: " + e);
        SweepFailures.record(p.dir(), e.getMessage() != null ? e.getMessage() : e.toString()); // for collect
        failed.add(p.point().name());
      }
    }
    err.printf("shard %d of %d finished: %d run, %d resumed, %d skipped, %d failed%s%n", shard.index(),
        shard.count(), done, resumed, skipped, failed.size(), failed.isEmpty() ? "" : " " + failed);
    return failed.isEmpty() ? 0 : Main.EXIT_FAILURE;
  }

  /**
   * A warning when this shard's points set different {@code threads.intra}/{@code threads.inter}: the first
   * TensorFlow CPU device of a process sizes its process-wide intra-op pool, so in one JVM every later point
   * runs with the first point's pool (docs/performance.md, "The thread-pool regression").
   */
  static Optional<String> threadPoolWarning(List<RunConfig> configs) {
    java.util.Set<String> counts = new java.util.LinkedHashSet<>();
    for (RunConfig c : configs) {
      counts.add("intra " + c.intraThreads() + " / inter " + c.interThreads());
    }
    if (counts.size() < 2) {
      return Optional.empty();
    }
    return Optional.of("warning: this shard's points set different thread counts " + counts + "; TensorFlow"
        + " sizes its process-wide intra-op pool once per process (from the first point), so later points"
        + " run with the first point's pool: run points with other threads.* as separate processes"
        + " (e.g. one shard each, --num-shards)");
  }

  /** Resolves, composes and checks every point (all shards) before anything trains. */
  private List<Planned> validate(PluginRegistry registry, SweepSpec spec, List<SweepPoint> points, Path root) {
    RunPlanner planner = new RunPlanner(registry);
    List<Planned> plan = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (SweepPoint p : points) {
      try {
        SweepSpec.Resolved r = spec.resolve(p);
        List<List<String>> layers = new ArrayList<>();
        layers.add(spec.base());
        layers.addAll(r.layers());
        RunPlan run = planner.plan(r.presets(), null, layers);
        RunConfig cfg = run.config();
        RunComponents comps = run.components();
        MemoryEstimate.check(cfg, comps.target().dim());
        Path dir = root.resolve(p.name());
        Path existing = dir.resolve("config.yaml");
        String expected = ConfigYaml.write(cfg);
        var status = RunDirectory.existing(dir).status();
        if (status.isPresent() && !status.get().fingerprint().equals(ConfigYaml.fingerprint(cfg))) {
          throw new ConfigException("its directory " + dir + " holds a run of a different configuration"
              + " (fingerprint " + status.get().fingerprint() + ", now " + ConfigYaml.fingerprint(cfg)
              + (Files.isRegularFile(existing) ? "; config.yaml " + firstDifference(Files.readString(existing), expected) : "")
              + "); use another --out or remove that directory");
        }
        if (Files.isRegularFile(existing) && !Files.readString(existing).equals(expected)) {
          throw new ConfigException("its directory " + dir + " holds a run of a different configuration"
              + " (config.yaml " + firstDifference(Files.readString(existing), expected)
              + "); use another --out or remove that directory");
        }
        plan.add(new Planned(p, run, dir));
      } catch (ConfigException | IllegalArgumentException e) {
        problems.add("point " + p.index() + " " + p.overrides() + ": " + e.getMessage());
      } catch (IOException e) {
        problems.add("point " + p.index() + ": " + e);
      }
    }
    if (!problems.isEmpty()) {
      List<String> shown = problems.subList(0, Math.min(10, problems.size()));
      throw new ConfigException(problems.size() + " of " + points.size() + " sweep points are invalid"
          + " (nothing was run):\n  " + String.join("\n  ", shown)
          + (problems.size() > shown.size() ? "\n  ..." : ""));
    }
    return plan;
  }

  /** "line N: 'old' vs now 'new'" for the first differing line of two config texts. */
  static String firstDifference(String old, String now) {
    List<String> a = old.lines().toList();
    List<String> b = now.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i).trim() : "<end>";
      String y = i < b.size() ? b.get(i).trim() : "<end>";
      if (!x.equals(y)) {
        return "line " + (i + 1) + ": '" + x + "', now '" + y + "'";
      }
    }
    return "differs";
  }

  private static String headline(RunSummary summary) {
    StringBuilder sb = new StringBuilder();
    Map<String, Object> m = summary.toJsonMap();
    for (String k : List.of("log_z_error", "ess", "sinkhorn", "train_seconds")) {
      Object v = m.get(k);
      if (v != null) {
        sb.append(k).append(' ').append(SummaryTable.value(v)).append("  ");
      }
    }
    return sb.toString().trim();
  }
}
