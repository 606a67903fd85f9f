package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.sweep.BaselineComparison;
import dev.pathspace.experiments.sweep.HowProduced;
import dev.pathspace.experiments.sweep.ResultTable;
import dev.pathspace.experiments.sweep.ResultsPage;
import dev.pathspace.experiments.sweep.RunProvenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code collect}'s report adds to the tables: each run's provenance, the "how produced" block and the
 * {@code --baseline} comparison (validated when read, before anything is written).
 */
final class ReportInputs {
  private final HowProduced how;
  private final BaselineComparison baseline;
  private final Function<ResultTable.Group, RunProvenance.Sweep> sweep;

  private ReportInputs(HowProduced how, BaselineComparison baseline,
      Function<ResultTable.Group, RunProvenance.Sweep> sweep) {
    this.how = how;
    this.baseline = baseline;
    this.sweep = sweep;
  }

  /**
   * Reads the runs' provenance and compares with the baseline.
   *
   * @param spec the parsed {@code --baseline}, or null
   * @throws dev.pathspace.api.ConfigException when {@code spec} names no key or value of the configurations
   */
  static ReportInputs read(List<Path> roots, ResultTable table, CliContext ctx, BaselineComparison.Spec spec) {
    Map<Path, RunProvenance> prov = new LinkedHashMap<>();
    table.groups().forEach(g -> g.runs().forEach(r -> prov.put(r.dir(), RunProvenance.read(r.dir()))));
    Function<ResultTable.Group, RunProvenance.Sweep> sweep = g -> prov.get(g.runs().get(0).dir()).sweep();
    BaselineComparison cmp = spec == null ? null : BaselineComparison.of(table, spec, sweep);
    HowProduced how = HowProduced.of(roots, table, prov, ctx.args(), ctx.clock().instant());
    return new ReportInputs(how, cmp, sweep);
  }

  /** The page's extras. */
  ResultsPage.Extras extras() {
    return new ResultsPage.Extras(how, baseline, sweep);
  }

  /** The Markdown section of the baseline differences, or empty text without {@code --baseline}. */
  String baselineMarkdown(ResultTable table) {
    return baseline == null ? "" : baseline.markdown(table.shown(), sweep);
  }

  /** The Markdown "How produced" section. */
  String howProducedMarkdown() {
    return how.markdown();
  }

  /** Warnings for stderr: runs of different code versions, configurations without a baseline. */
  List<String> warnings() {
    List<String> w = new ArrayList<>();
    if (how.codeVersionsDiffer()) {
      w.add("the runs differ in code version (" + String.join("; ", how.codeVersions().entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue().size() + (e.getValue().size() == 1 ? " run" : " runs")).toList())
          + "); differences may come from the code (see How produced in results.md)");
    }
    if (baseline != null && !baseline.withoutBaseline().isEmpty()) {
      w.add(baseline.withoutBaseline().size() + " configurations have no baseline configuration identical except for "
          + baseline.spec().key() + " (listed in results.md)");
    }
    return w;
  }
}
