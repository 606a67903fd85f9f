package dev.pathspace.experiments.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Our numbers beside published ones ({@code collect --reference FILE}): for every published entry and every
 * configuration of the sweep it applies to, our median over seeds (the published tables' statistic), our
 * mean ± standard error, the published value ± its error, and the difference ours − published of the
 * medians. Entries that match no configuration, or whose metric our runs do not have, are listed as
 * unmatched instead of silently dropped.
 */
public final class ReferenceComparison {
  /**
   * One comparison.
   *
   * @param group the configuration
   * @param entry the published number
   * @param ours our statistics of {@code entry.metric()}
   */
  public record Row(ResultTable.Group group, PublishedNumbers.Entry entry, ResultTable.Stat ours) {
    /** Our median minus the published value. */
    public double difference() {
      return ours.median() - entry.value();
    }
  }

  private final List<Row> rows;
  private final List<PublishedNumbers.Entry> unmatched;

  private ReferenceComparison(List<Row> rows, List<PublishedNumbers.Entry> unmatched) {
    this.rows = List.copyOf(rows);
    this.unmatched = List.copyOf(unmatched);
  }

  /** Matches every published entry against the table's configurations. */
  public static ReferenceComparison of(ResultTable table, PublishedNumbers published) {
    List<Row> rows = new ArrayList<>();
    List<PublishedNumbers.Entry> unmatched = new ArrayList<>();
    for (PublishedNumbers.Entry e : published.entries()) {
      boolean any = false;
      for (ResultTable.Group g : table.groups()) {
        ResultTable.Stat s = g.stats().get(e.metric());
        if (e.matches(g.config()) && s != null) {
          rows.add(new Row(g, e, s));
          any = true;
        }
      }
      if (!any) {
        unmatched.add(e);
      }
    }
    return new ReferenceComparison(rows, unmatched);
  }

  /** The matched comparisons, in published-file order. */
  public List<Row> rows() {
    return rows;
  }

  /** Published entries without a matching configuration having the metric. */
  public List<PublishedNumbers.Entry> unmatched() {
    return unmatched;
  }

  /** The Markdown section appended to {@code results.md}. */
  public String markdown(List<String> shownKeys) {
    StringBuilder sb = new StringBuilder("\n## Beside the published numbers\n\n");
    List<String> head = new ArrayList<>(shownKeys);
    head.addAll(List.of("metric", "ours: median (n)", "ours: mean ± se", "published", "ours − published",
        "statistic", "source"));
    sb.append("| ").append(String.join(" | ", head)).append(" |\n");
    sb.append("|").append("---|".repeat(shownKeys.size() + 1)).append("---:|".repeat(4)).append("---|---|\n");
    for (Row r : rows) {
      List<String> row = new ArrayList<>();
      shownKeys.forEach(k -> row.add(r.group().config().getOrDefault(k, "")));
      PublishedNumbers.Entry e = r.entry();
      row.add(e.metric());
      row.add(ResultsWriter.number(r.ours().median()) + " (" + r.ours().n() + ")");
      row.add(ResultsWriter.cell(r.ours()));
      row.add(Double.isNaN(e.error()) ? ResultsWriter.number(e.value())
          : ResultsWriter.number(e.value()) + " ± " + ResultsWriter.number(e.error()));
      row.add(ResultsWriter.number(r.difference()));
      row.add(e.statistic());
      row.add(e.source());
      sb.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    sb.append("\nours − published compares our median over seeds with the published value; the published error"
        + " bar and our standard error say whether a difference is larger than the noise.\n");
    if (!unmatched.isEmpty()) {
      sb.append("\nPublished numbers without a matching configuration (").append(unmatched.size()).append("):\n\n");
      unmatched.forEach(e -> sb.append("- ").append(e.match()).append(' ').append(e.metric()).append(" = ")
          .append(ResultsWriter.number(e.value())).append(" (").append(e.source()).append(")\n"));
    }
    return sb.toString();
  }
}
