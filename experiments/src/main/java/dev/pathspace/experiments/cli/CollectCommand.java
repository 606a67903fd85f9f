package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.sweep.ResultTable;
import dev.pathspace.experiments.sweep.ResultsWriter;
import dev.pathspace.experiments.sweep.CollectedRun;
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
 * {@code results.md} and {@code results.html}; prints the Markdown table.
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

  CollectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<Path> dirs = roots.stream().map(r -> ctx.workDir().resolve(r)).toList();
    ResultTable.Scan scan = ResultTable.scan(dirs);
    List<CollectedRun> runs = scan.runs();
    for (String n : scan.notCounted()) {
      ctx.err().println("not counted: " + n);
    }
    if (runs.isEmpty()) {
      throw new ConfigException("No complete runs (summary.json) under " + roots
          + (scan.notCounted().isEmpty() ? "" : " (" + scan.notCounted().size() + " not counted, listed above)"));
    }
    ResultTable table = ResultTable.of(scan);
    Path outDir = out != null ? ctx.workDir().resolve(out) : dirs.get(0);
    List<Path> files = ResultsWriter.write(table, outDir);
    ctx.err().printf("%d runs in %d configurations%s -> %s%n", runs.size(), table.groups().size(),
        scan.notCounted().isEmpty() ? "" : " (" + scan.notCounted().size() + " not counted)",
        String.join(", ", files.stream().map(Path::toString).toList()));
    ctx.out().print(ResultsWriter.markdown(table));
    ctx.out().flush();
    return 0;
  }
}
