package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.sweep.BaselineComparison;
import dev.pathspace.experiments.sweep.PublishedNumbers;
import dev.pathspace.experiments.sweep.ReferenceComparison;
import dev.pathspace.experiments.sweep.ResultTable;
import dev.pathspace.experiments.sweep.ResultsWriter;
import dev.pathspace.experiments.storage.AtomicFiles;
import dev.pathspace.experiments.sweep.CollectedRun;
import dev.pathspace.experiments.sweep.SweepFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pathspace collect RUNS...}: finds every finished run ({@code summary.json}) under the given
 * directories, groups them by configuration (everything but the seed; a second run of the same
 * configuration and seed is a duplicate, not another seed; unreadable and incomplete runs are listed on
 * stderr and in the report instead of counted), and writes {@code results.csv},
 * {@code results.md} and {@code results.html}; prints the Markdown table. Points of a sweep root whose
 * manifest lists them but that have no finished run are appended to {@code results.md} (see
 * {@link SweepFailures}). With {@code --reference FILE} (see {@link PublishedNumbers}), published numbers
 * stand beside ours with the difference ({@link ReferenceComparison}), appended to {@code results.md} and
 * shown in each target's section of {@code results.html} with the file's source column.
 * With {@code --baseline KEY=VALUE}, the differences to the baseline configuration ({@link BaselineComparison})
 * go to {@code results.md}, {@code results.html} and {@code baseline.csv}; the "how produced" block (sweep
 * file, code versions, plug-ins, this command line) follows the tables of {@code results.md} and the page
 * ({@link ReportInputs}).
 * The figures ({@link CollectFigures}) are written to {@code figures/} first.
 */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = "Merge finished runs into results.csv/.md/.html (mean ± standard error over seeds).")
final class CollectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "RUNS", description = "run directories or roots (searched recursively)")
  List<Path> roots = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: the first RUNS argument)")
  Path out;

  @Option(names = "--reference", paramLabel = "FILE",
      description = "CSV of published numbers (config keys, then metric,value,error,statistic,source) to put beside ours")
  Path reference;

  @Option(names = "--baseline", paramLabel = "KEY=VALUE",
      description = "state each configuration's differences (with se and a 95 % interval) relative to the one"
          + " identical except for KEY=VALUE, e.g. divergence=reverse-kl or a sweep grid key")
  String baseline;

  CollectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<Path> dirs = roots.stream().map(r -> ctx.workDir().resolve(r)).toList();
    PublishedNumbers published = reference == null ? null : PublishedNumbers.read(ctx.workDir().resolve(reference));
    BaselineComparison.Spec baselineSpec = baseline == null ? null : BaselineComparison.Spec.parse(baseline);
    ResultTable.Scan scan = ResultTable.scan(dirs);
    List<CollectedRun> runs = scan.runs();
    for (String n : scan.notCounted()) {
      ctx.err().println("not counted: " + n);
    }
    if (runs.isEmpty()) {
      StringBuilder why = new StringBuilder();
      for (Path root : dirs) {
        SweepFailures.find(root).forEach(i -> why.append("\n  point ").append(i.index()).append(' ')
            .append(i.dir()).append(": ").append(i.state()));
      }
      throw new ConfigException("No complete runs (summary.json) under " + roots
          + (scan.notCounted().isEmpty() ? "" : " (" + scan.notCounted().size() + " not counted, listed above)") + why);
    }
    ResultTable table = ResultTable.of(scan);
    ReportInputs report = ReportInputs.read(dirs, table, ctx, baselineSpec); // validates --baseline
    Path outDir = out != null ? ctx.workDir().resolve(out) : dirs.get(0);
    // figures first: results.html embeds those present in outDir/figures
    new CollectFigures(ctx).write(table, outDir.resolve(ResultsWriter.FIGURES));
    ReferenceComparison cmp = published == null ? null : ReferenceComparison.of(table, published);
    List<Path> files = ResultsWriter.write(table, outDir, report.extras().withReference(cmp));
    ctx.err().printf("%d runs in %d configurations%s -> %s%n", runs.size(), table.groups().size(),
        scan.notCounted().isEmpty() ? "" : " (" + scan.notCounted().size() + " not counted)",
        String.join(", ", files.stream().map(Path::toString).toList()));
    ctx.out().print(ResultsWriter.markdown(table));
    if (cmp != null) {
      String md = cmp.markdown(table.shown());
      append(outDir.resolve("results.md"), md);
      ctx.out().print(md);
      ctx.err().printf("%d published numbers: %d comparisons, %d without a matching configuration%n",
          published.entries().size(), cmp.rows().size(), cmp.unmatched().size());
    }
    append(outDir.resolve("results.md"), report.baselineMarkdown(table) + report.howProducedMarkdown());
    ctx.out().print(report.baselineMarkdown(table));
    report.warnings().forEach(w -> ctx.err().println("warning: " + w));
    String incomplete = incompleteSweepPoints(dirs, outDir.resolve("results.md"));
    ctx.out().print(incomplete);
    ctx.out().flush();
    return 0;
  }

  /**
   * Lists the points of each sweep root (a RUNS argument with {@code sweep-manifest.json}) that have no
   * finished run, appends the list to {@code results.md} and warns on stderr; returns the Markdown.
   */
  private String incompleteSweepPoints(List<Path> dirs, Path resultsMd) {
    StringBuilder md = new StringBuilder();
    for (Path root : dirs) {
      List<SweepFailures.Incomplete> missing = SweepFailures.find(root);
      if (!missing.isEmpty()) {
        ctx.err().printf("warning: %d of %d points of the sweep in %s have no finished run (listed in %s)%n",
            missing.size(), SweepFailures.pointCount(root), root, resultsMd.getFileName());
        md.append(SweepFailures.markdown(missing, SweepFailures.pointCount(root)));
      }
    }
    if (md.length() > 0) {
      append(resultsMd, md.toString());
    }
    return md.toString();
  }

  /** Appends {@code text} to {@code file}, rewritten whole and atomically like every file pathspace writes. */
  private static void append(Path file, String text) {
    try {
      String old = Files.readString(file, StandardCharsets.UTF_8);
      AtomicFiles.SYSTEM.writeString(file, old + text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
