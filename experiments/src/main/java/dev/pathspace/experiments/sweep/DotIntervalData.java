package dev.pathspace.experiments.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of one dot-and-interval figure of {@code collect} (issue 15), separate from its rendering: for
 * one metric on one target, every configuration on the category axis, each seed's value as a dot, and the
 * mean ± standard error over the seeds (sample sd / √n, as in {@link ResultTable}) as the interval (no
 * interval when only one seed has the metric): the interval is exactly the table's statistic.
 *
 * @param metric the summary metric (e.g. {@code log_z_error})
 * @param target the target label ({@code target} and its parameters that differ, {@code k=v} joined by ", ")
 * @param rows one row per configuration on that target, in table order
 */
public record DotIntervalData(String metric, String target, List<Row> rows) {
  /**
   * One configuration.
   *
   * @param label the varying non-target keys shown in the table, {@code k=v} joined by ", "
   * @param seeds the seed labels, in the group's seed order
   * @param values each seed's value of the metric (NaN when that run lacks it)
   * @param mean the mean over the seeds having the metric
   * @param lo mean − se (NaN when fewer than two seeds)
   * @param hi mean + se (NaN when fewer than two seeds)
   */
  public record Row(String label, List<String> seeds, List<Double> values, double mean, double lo, double hi) {}

  /** One figure per headline metric and target of {@code t} (metrics no configuration has are skipped). */
  public static List<DotIntervalData> of(ResultTable t) {
    List<String> shown = t.shown();
    Map<String, List<ResultTable.Group>> byTarget = new LinkedHashMap<>();
    for (ResultTable.Group g : t.groups()) {
      byTarget.computeIfAbsent(FigureNames.targetLabel(g, shown), x -> new ArrayList<>()).add(g);
    }
    List<DotIntervalData> out = new ArrayList<>();
    for (String m : t.headline()) {
      for (var e : byTarget.entrySet()) {
        List<Row> rows = new ArrayList<>();
        for (ResultTable.Group g : e.getValue()) {
          ResultTable.Stat s = g.stats().get(m);
          if (s == null) {
            continue;
          }
          List<Double> values = g.runs().stream().map(r -> r.metrics().getOrDefault(m, Double.NaN)).toList();
          boolean interval = !Double.isNaN(s.se());
          rows.add(new Row(FigureNames.configLabel(g, shown), g.runs().stream().map(CollectedRun::seed).toList(), values,
              s.mean(), interval ? s.mean() - s.se() : Double.NaN, interval ? s.mean() + s.se() : Double.NaN));
        }
        if (!rows.isEmpty()) {
          out.add(new DotIntervalData(m, e.getKey(), rows));
        }
      }
    }
    return out;
  }
}
