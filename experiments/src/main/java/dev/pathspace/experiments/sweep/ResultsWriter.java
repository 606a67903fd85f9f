package dev.pathspace.experiments.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.pathspace.experiments.storage.AtomicFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link ResultTable} as {@code results.csv} (every metric: mean, se and n columns, plus the run
 * directories), {@code results.md} (pipe table of the headline metrics, best values in bold) and
 * {@code results.html} (the report page of {@link ResultsPage}: per target the table, figures and sample
 * plots, linked relative to the output directory).
 */
public final class ResultsWriter {
  /** Subdirectory of the output directory with collect's figures (PNG + SVG), embedded in the HTML page. */
  public static final String FIGURES = "figures";
  /** The {@code --baseline} differences as CSV (see {@link BaselineComparison#csv}). */
  public static final String BASELINE_CSV = "baseline.csv";

  private ResultsWriter() {}

  /** Writes the three files into {@code outDir}; returns their paths. */
  public static List<Path> write(ResultTable t, Path outDir) {
    return write(t, outDir, ResultsPage.Extras.none());
  }

  /**
   * Writes the three files into {@code outDir}, the page with {@code extras}, and {@code baseline.csv} when
   * there is a baseline comparison; returns their paths (results.csv, .md, .html, then baseline.csv).
   */
  public static List<Path> write(ResultTable t, Path outDir, ResultsPage.Extras extras) {
    try {
      Files.createDirectories(outDir);
      Path csv = outDir.resolve("results.csv");
      Path md = outDir.resolve("results.md");
      Path html = outDir.resolve("results.html");
      List<Path> files = new ArrayList<>(List.of(csv, md, html));
      if (extras.baseline() != null) {
        files.add(outDir.resolve(BASELINE_CSV));
      }
      // the files are renamed into place together, after all were written completely
      AtomicFiles.SYSTEM.writeAll(files, tmps -> {
        Files.writeString(tmps.get(0), csv(t, outDir), StandardCharsets.UTF_8);
        Files.writeString(tmps.get(1), markdown(t), StandardCharsets.UTF_8);
        Files.writeString(tmps.get(2), ResultsPage.html(t, outDir, extras), StandardCharsets.UTF_8);
        if (extras.baseline() != null) {
          Files.writeString(tmps.get(3), extras.baseline().csv(t.shown(), extras.sweep()), StandardCharsets.UTF_8);
        }
      });
      return List.copyOf(files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results in " + outDir, e);
    }
  }

  /** CSV text: varying keys, n_runs, seeds, {metric}_mean/{metric}_se/{metric}_median/{metric}_n, runs. */
  public static String csv(ResultTable t, Path outDir) {
    StringBuilder sb = new StringBuilder();
    List<String> head = new ArrayList<>(t.varying());
    head.add("n_runs");
    head.add("seeds");
    for (String m : t.metrics()) {
      head.add(m + "_mean");
      head.add(m + "_se");
      head.add(m + "_median");
      head.add(m + "_n");
    }
    head.add("runs");
    sb.append(String.join(",", head.stream().map(ResultsWriter::csvCell).toList())).append('\n');
    for (ResultTable.Group g : t.groups()) {
      List<String> row = new ArrayList<>();
      t.varying().forEach(k -> row.add(g.config().get(k)));
      row.add(Integer.toString(g.runs().size()));
      row.add(String.join(" ", g.runs().stream().map(CollectedRun::seed).toList()));
      for (String m : t.metrics()) {
        ResultTable.Stat s = g.stats().get(m);
        row.add(s == null ? "" : Double.toString(s.mean()));
        row.add(s == null || Double.isNaN(s.se()) ? "" : Double.toString(s.se()));
        row.add(s == null ? "" : Double.toString(s.median()));
        row.add(s == null ? "0" : Integer.toString(s.n()));
      }
      row.add(String.join(" ", g.runs().stream().map(r -> relative(outDir, r.dir())).toList()));
      sb.append(String.join(",", row.stream().map(ResultsWriter::csvCell).toList())).append('\n');
    }
    return sb.toString();
  }

  /** Markdown pipe tables of the headline metrics: "mean ± se" (best in bold), then the median over seeds. */
  public static String markdown(ResultTable t) {
    StringBuilder sb = new StringBuilder();
    pipeTable(sb, t, (g, m) -> {
      String cell = cell(g.stats().get(m));
      return t.isBest(g, m) ? "**" + cell + "**" : cell;
    });
    sb.append("\nmean ± standard error over seeds; **bold** = best per column among runs on the same target"
        + " (lowest error/time/Sinkhorn/MMD, highest ESS/EMC).\n");
    sb.append("\nMedian over seeds (the statistic of the published tables):\n\n");
    pipeTable(sb, t, (g, m) -> {
      ResultTable.Stat s = g.stats().get(m);
      return s == null ? "–" : number(s.median());
    });
    if (!t.notCounted().isEmpty()) {
      sb.append("\nNot counted (").append(t.notCounted().size()).append("):\n\n");
      t.notCounted().forEach(n -> sb.append("- ").append(n.replace("|", "\\|")).append('\n'));
    }
    return sb.toString();
  }

  /** One pipe table: the shown keys, the seed count, then {@code cell(group, metric)} per headline metric. */
  private static void pipeTable(StringBuilder sb, ResultTable t,
      java.util.function.BiFunction<ResultTable.Group, String, String> cell) {
    List<String> head = new ArrayList<>(t.shown());
    head.add("seeds");
    head.addAll(t.headline());
    sb.append("| ").append(String.join(" | ", head)).append(" |\n");
    sb.append("|").append("---|".repeat(t.shown().size() + 1)).append("---:|".repeat(t.headline().size()))
        .append('\n');
    for (ResultTable.Group g : t.groups()) {
      List<String> row = new ArrayList<>();
      t.shown().forEach(k -> row.add(g.config().getOrDefault(k, "").replace("|", "\\|")));
      row.add(Integer.toString(g.runs().size()));
      t.headline().forEach(m -> row.add(cell.apply(g, m)));
      sb.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
  }

  /** The HTML page without the "how produced" block and baseline (see {@link ResultsPage}). */
  public static String html(ResultTable t, Path outDir) {
    return ResultsPage.html(t, outDir, ResultsPage.Extras.none());
  }

  static String cell(ResultTable.Stat s) {
    if (s == null) {
      return "–";
    }
    return Double.isNaN(s.se()) ? number(s.mean()) : number(s.mean()) + " ± " + number(s.se());
  }

  /** Four significant digits; scientific outside [1e-3, 1e5). */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e5)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    int digits = a == 0 ? 0 : Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  static String relative(Path outDir, Path run) {
    Path base = outDir.toAbsolutePath().normalize();
    return base.relativize(run.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  static String csvCell(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
