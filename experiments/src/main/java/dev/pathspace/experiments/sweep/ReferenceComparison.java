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

    /** Our median with the number of seeds, e.g. {@code 0.2000 (3)}. */
    public String oursMedianText() {
      return ResultsWriter.number(ours.median()) + " (" + ours.n() + ")";
    }

    /** The published value with its error bar when it has one, e.g. {@code 0.05000 ± 0.01000}. */
    public String publishedText() {
      return Double.isNaN(entry.error()) ? ResultsWriter.number(entry.value())
          : ResultsWriter.number(entry.value()) + " ± " + ResultsWriter.number(entry.error());
    }
  }

  /** The comparison columns after the configuration keys, as in {@code results.md} and {@code results.html}. */
  public static final List<String> COLUMNS = List.of("metric", "ours: median (n)", "ours: mean ± se", "published",
      "ours − published", "statistic", "source");

  /** What the difference column compares (below the table in both reports). */
  public static final String NOTE = "ours − published compares our median over seeds with the published value;"
      + " the published error bar and our standard error say whether a difference is larger than the noise.";

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

  /** One unmatched entry on one line: {@code {sampler=pis} log_z_error = 0.3000 (paper A Table 2)}. */
  public static String unmatchedText(PublishedNumbers.Entry e) {
    return e.match() + " " + e.metric() + " = " + ResultsWriter.number(e.value()) + " (" + e.source() + ")";
  }

  /** The Markdown section appended to {@code results.md}. */
  public String markdown(List<String> shownKeys) {
    StringBuilder sb = new StringBuilder("\n## Beside the published numbers\n\n");
    List<String> head = new ArrayList<>(shownKeys);
    head.addAll(COLUMNS);
    sb.append("| ").append(String.join(" | ", head)).append(" |\n");
    sb.append("|").append("---|".repeat(shownKeys.size() + 1)).append("---:|".repeat(4)).append("---|---|\n");
    for (Row r : rows) {
      List<String> row = new ArrayList<>();
      shownKeys.forEach(k -> row.add(r.group().config().getOrDefault(k, "")));
      PublishedNumbers.Entry e = r.entry();
      row.add(e.metric());
      row.add(r.oursMedianText());
      row.add(ResultsWriter.cell(r.ours()));
      row.add(r.publishedText());
      row.add(ResultsWriter.number(r.difference()));
      row.add(e.statistic());
      row.add(e.source());
      sb.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    sb.append('\n').append(NOTE).append('\n');
    if (!unmatched.isEmpty()) {
      sb.append("\nPublished numbers without a matching configuration (").append(unmatched.size()).append("):\n\n");
      unmatched.forEach(e -> sb.append("- ").append(unmatchedText(e)).append('\n'));
    }
    return sb.toString();
  }
}
