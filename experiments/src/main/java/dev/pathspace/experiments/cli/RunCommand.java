package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.compose.Composer;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.ConfigResolver;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.engine.TrainSummary;
import dev.pathspace.experiments.output.LossPlot;
import dev.pathspace.experiments.output.MetricsCsv;
import dev.pathspace.experiments.output.RunDirectory;
import dev.pathspace.experiments.output.SamplePlot;
import dev.pathspace.experiments.output.StepHistory;
import dev.pathspace.experiments.output.SummaryJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pathspace run}: resolve and validate the configuration, create the run directory and write
 * {@code config.yaml}, train (progress + {@code metrics.csv}), evaluate, compute metrics, write
 * {@code summary.json} and the plots, print a summary table.
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

  @Parameters(paramLabel = "key=value", description = "overrides, e.g. divergence=moment train.steps=500")
  List<String> overrides = new ArrayList<>();

  RunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  static String title(RunConfig c) {
    return c.sampler().type() + " / " + c.divergence().type() + " on " + c.target().type();
  }

  @Override
  public Integer call() {
    PrintStream err = ctx.err();
    PluginRegistry registry = ctx.registry().get();
    Path configFile = config == null ? null : ctx.workDir().resolve(config);
    RunConfig cfg = new ConfigResolver(registry).resolve(configFile, overrides);
    RunComponents comps = new Composer(registry).compose(cfg);
    RunDirectory dir =
        out != null
            ? RunDirectory.create(ctx.workDir().resolve(out))
            : RunDirectory.createUnique(
                ctx.workDir().resolve("runs"),
                RunDirectory.defaultName(LocalDateTime.now(ctx.clock()), config, overrides));
    dir.writeConfig(cfg);
    err.println("run directory: " + dir.dir());
    String title = title(cfg);
    StepHistory history = new StepHistory();
    ProgressPrinter progress =
        new ProgressPrinter(err, cfg.train().steps(), cfg.train().logEvery(), ctx.interactive());
    Map<String, Object> summary;
    try (RunSession session = ctx.backend().open(comps, cfg);
        MetricsCsv csv = new MetricsCsv(dir.file("metrics.csv"), cfg.train().logEvery(), cfg.train().steps())) {
      TrainSummary train = session.train(new CompositeListener(List.of(progress, csv, history)));
      progress.finish();
      guarded(err, "loss.png", () -> LossPlot.write(
          dir.file("loss.png"), null, "training loss: " + title, history.steps(), history.losses()));
      EvalResult eval = session.evaluate();
      Map<String, Object> metrics = ctx.backend().metrics(cfg, comps.target(), eval);
      summary = SummaryJson.build(cfg, comps.target().dim(), train, metrics);
      SummaryJson.write(dir.file("summary.json"), summary);
      guarded(err, "samples.png", () -> SamplePlot.write(
          dir.file("samples.png"), dir.file("samples.svg"), comps.target(), eval.samples(), metrics, title,
          cfg.seed()));
    }
    ctx.out().println(title + "  ->  " + dir.dir());
    ctx.out().print(SummaryTable.format(summary));
    ctx.out().flush();
    return 0;
  }

  /** Plots must not lose a finished run: report failures and continue. */
  private static void guarded(PrintStream err, String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      err.println("warning: could not write " + what + ": " + e);
    }
  }
}
