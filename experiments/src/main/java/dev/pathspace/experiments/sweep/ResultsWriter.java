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
 * {@code results.html} (the same table, best values in bold, then each group's sample plots linked
 * relative to the output directory).
 */
public final class ResultsWriter {
  /** Subdirectory of the output directory with collect's figures (PNG + SVG), embedded in the HTML page. */
  public static final String FIGURES = "figures";

  private ResultsWriter() {}

  /** Writes the three files into {@code outDir}; returns their paths. */
  public static List<Path> write(ResultTable t, Path outDir) {
    try {
      Files.createDirectories(outDir);
      Path csv = outDir.resolve("results.csv");
      Path md = outDir.resolve("results.md");
      Path html = outDir.resolve("results.html");
      // the three files are renamed into place together, after all were written completely
      AtomicFiles.SYSTEM.writeAll(List.of(csv, md, html), tmps -> {
        Files.writeString(tmps.get(0), csv(t, outDir), StandardCharsets.UTF_8);
        Files.writeString(tmps.get(1), markdown(t), StandardCharsets.UTF_8);
        Files.writeString(tmps.get(2), html(t, outDir), StandardCharsets.UTF_8);
      });
      return List.of(csv, md, html);
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

  /** Static HTML page: the table and each group's samples.png of every run (relative links). */
  public static String html(ResultTable t, Path outDir) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>pathspace results</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td.k,th.k{text-align:left}")
        .append("img{width:260px;margin:4px;border:1px solid #eee}img.fig{width:480px}</style></head><body>\n")
        .append("<h1>pathspace results</h1>\n<p>")
        .append(t.groups().stream().mapToInt(g -> g.runs().size()).sum()).append(" runs in ")
        .append(t.groups().size()).append(" configurations; mean ± standard error over seeds; ")
        .append("<b>bold</b> = best per column among runs on the same target.</p>\n<table>\n<tr>");
    t.shown().forEach(k -> sb.append("<th class=\"k\">").append(esc(k)).append("</th>"));
    sb.append("<th>seeds</th>");
    t.headline().forEach(m -> sb.append("<th>").append(esc(m)).append("</th>"));
    sb.append("</tr>\n");
    int i = 0;
    for (ResultTable.Group g : t.groups()) {
      sb.append("<tr>");
      boolean first = true;
      for (String k : t.shown()) {
        String v = esc(g.config().get(k));
        sb.append("<td class=\"k\">").append(first ? "<a href=\"#g" + i + "\">" + v + "</a>" : v).append("</td>");
        first = false;
      }
      sb.append("<td>").append(g.runs().size()).append("</td>");
      for (String m : t.headline()) {
        String cell = esc(cell(g.stats().get(m)));
        sb.append("<td>").append(t.isBest(g, m) ? "<b>" + cell + "</b>" : cell).append("</td>");
      }
      sb.append("</tr>\n");
      i++;
    }
    sb.append("</table>\n");
    figures(outDir, sb);
    if (!t.notCounted().isEmpty()) {
      sb.append("<h2>Not counted (").append(t.notCounted().size()).append(")</h2>\n<ul>\n");
      t.notCounted().forEach(n -> sb.append("<li>").append(esc(n)).append("</li>\n"));
      sb.append("</ul>\n");
    }
    i = 0;
    for (ResultTable.Group g : t.groups()) {
      sb.append("<h2 id=\"g").append(i++).append("\">");
      List<String> label = new ArrayList<>();
      t.shown().forEach(k -> label.add(k + "=" + g.config().get(k)));
      sb.append(esc(label.isEmpty() ? "all runs" : String.join(", ", label))).append("</h2>\n<div>");
      for (CollectedRun r : g.runs()) {
        String rel = relative(outDir, r.dir());
        String title = "seed " + r.seed();
        if (Files.exists(r.dir().resolve("samples.png"))) {
          sb.append("<a href=\"").append(esc(rel + "/samples.png")).append("\"><img src=\"")
              .append(esc(rel + "/samples.png")).append("\" alt=\"").append(esc(title)).append("\" title=\"")
              .append(esc(title + " — " + rel)).append("\"></a>");
        } else {
          sb.append("<a href=\"").append(esc(rel)).append("\">").append(esc(title)).append("</a> ");
        }
      }
      sb.append("</div>\n");
    }
    return sb.append("</body></html>\n").toString();
  }

  /** The figures section: every PNG of {@code outDir/figures} (sorted), linked to its SVG. */
  private static void figures(Path outDir, StringBuilder sb) {
    Path dir = outDir.resolve(FIGURES);
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<String> pngs;
    try (var s = Files.list(dir)) {
      pngs = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (pngs.isEmpty()) {
      return;
    }
    sb.append("<h2>Figures</h2>\n<p>Dot-and-interval plots: each dot is one seed, the bar is the mean ± ")
        .append("standard error over seeds (click for the SVG).</p>\n<div>");
    for (String n : pngs) {
      String svg = FIGURES + "/" + n.substring(0, n.length() - 4) + ".svg";
      sb.append("<a href=\"").append(esc(svg)).append("\"><img class=\"fig\" src=\"").append(esc(FIGURES + "/" + n))
          .append("\" alt=\"").append(esc(n)).append("\"></a>");
    }
    sb.append("</div>\n");
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

  private static String relative(Path outDir, Path run) {
    Path base = outDir.toAbsolutePath().normalize();
    return base.relativize(run.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private static String csvCell(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
