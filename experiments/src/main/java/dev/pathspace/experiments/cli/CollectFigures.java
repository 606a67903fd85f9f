package dev.pathspace.experiments.cli;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.output.DotIntervalPlot;
import dev.pathspace.experiments.output.LearningCurvePlot;
import dev.pathspace.experiments.output.MarginalOverlayData;
import dev.pathspace.experiments.output.MarginalOverlayPlot;
import dev.pathspace.experiments.output.NpySamples;
import dev.pathspace.experiments.sweep.CollectedRun;
import dev.pathspace.experiments.sweep.DotIntervalData;
import dev.pathspace.experiments.sweep.LearningCurveData;
import dev.pathspace.experiments.sweep.ResultTable;
import dev.pathspace.experiments.sweep.RunCurves;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The figures of {@code collect} in {@code outDir/figures} (names: {@link
 * dev.pathspace.experiments.sweep.FigureNames}): a dot-and-interval plot per headline metric and target,
 * learning curves against steps and seconds per curve metric and target (runs' {@code curves.csv}), and
 * per target the marginals of every configuration overlaid on the ground truth (runs' {@code samples.npy};
 * the ground truth from the target rebuilt from the first such run's {@code config.yaml}).
 */
final class CollectFigures {
  /** The sample file of a run directory. */
  static final String SAMPLES = "samples.npy";

  private final CliContext ctx;

  CollectFigures(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Writes every figure into {@code dir}; returns the PNG paths. */
  List<Path> write(ResultTable table, Path dir) {
    List<Path> pngs = new ArrayList<>(DotIntervalPlot.writeAll(ctx.files(), DotIntervalData.of(table), dir));
    List<CollectedRun> runs = table.groups().stream().flatMap(g -> g.runs().stream()).toList();
    pngs.addAll(LearningCurvePlot.writeAll(ctx.files(), LearningCurveData.of(table, RunCurves.readAll(runs)), dir));
    pngs.addAll(MarginalOverlayPlot.writeAll(ctx.files(),
        MarginalOverlayData.of(table, CollectFigures::samples, this::target), dir));
    return pngs;
  }

  private static Optional<double[][]> samples(CollectedRun r) {
    Path f = r.dir().resolve(SAMPLES);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    double[][] rows = NpySamples.read(f);
    return rows.length == 0 ? Optional.empty() : Optional.of(rows);
  }

  /** The run's target rebuilt from its {@code config.yaml}, or empty (with a note on stderr). */
  private Optional<Target> target(CollectedRun r) {
    Path cfg = r.dir().resolve("config.yaml");
    if (!Files.isRegularFile(cfg)) {
      ctx.err().println("note: no ground truth in the marginals figure: " + r.dir() + " has no config.yaml");
      return Optional.empty();
    }
    try {
      return Optional.of(new RunPlanner(ctx.registry().get()).plan(cfg, List.of()).components().target());
    } catch (RuntimeException e) {
      ctx.err().println("note: no ground truth in the marginals figure: cannot rebuild the target of " + cfg
          + " (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }
}
