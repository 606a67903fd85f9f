package dev.pathspace.experiments.sweep;

import static dev.pathspace.experiments.sweep.ResultsWriter.esc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code results.html}: a self-contained page (inline CSS and a few lines of inline script; no network, no
 * external fonts or scripts) with one section per target — its table of the configurations (only the keys
 * that differ between them; mean ± se and the median per headline metric; links to each run's directory
 * and plots), the differences to the {@code --baseline} configuration, the comparisons with the
 * {@code --reference} published numbers (with their source), the target's figures of
 * {@code figures/} and each configuration's sample plots — then figures of no single target, the runs not
 * counted, and the "how produced" block ({@link HowProduced}).
 *
 * <p>Clicking a column header sorts the rows (numerically by the cell's mean, or its median in a median
 * column; keys as text), clicking again reverses; the sorted header carries {@code aria-sort} and an arrow.
 * The URL fragment {@code #sort=TABLE_ID:COLUMN[:CLICKS]} clicks header {@code COLUMN} (0-based) of the
 * table with that id once (or {@code CLICKS} times) on load, so a sorted view can be bookmarked (the browser
 * test uses it). After load, {@code <p id="img-status">} records {@code data-images} and
 * {@code data-broken} and becomes a visible warning when an image failed to load.
 *
 * <p>Figures are matched to targets by their file name {@code <kind>_<target>_<...>.png} or
 * {@code <kind>-<...>-<target label>.png} with kind {@code dot(s)}, {@code curve(s)} or {@code marginals};
 * a figure that matches no target, or more than one equally well, is shown in the general section.
 */
public final class ResultsPage {
  /** The plots and files of a run directory linked from its row, with their link text. */
  static final Map<String, String> RUN_FILES = runFiles();
  private static final Pattern FIGURE = Pattern.compile("^(dots?|curves?|marginals)[_-](.+)$");

  /**
   * What the page shows beyond the table.
   *
   * @param how the "how produced" block, or null
   * @param baseline the {@code --baseline} comparison, or null
   * @param sweep the sweep coordinates of a configuration (for an option-axis baseline key), may return null
   * @param reference the {@code --reference} comparison with published numbers, or null
   */
  public record Extras(HowProduced how, BaselineComparison baseline,
      Function<ResultTable.Group, RunProvenance.Sweep> sweep, ReferenceComparison reference) {
    /** Extras without a reference comparison. */
    public Extras(HowProduced how, BaselineComparison baseline, Function<ResultTable.Group, RunProvenance.Sweep> sweep) {
      this(how, baseline, sweep, null);
    }

    /** Nothing beyond the table. */
    public static Extras none() {
      return new Extras(null, null, g -> null);
    }

    /** These extras with the comparison {@code cmp} with published numbers (null: none). */
    public Extras withReference(ReferenceComparison cmp) {
      return new Extras(how, baseline, sweep, cmp);
    }
  }

  private ResultsPage() {}

  private static Map<String, String> runFiles() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("samples.png", "samples");
    m.put("marginals.png", "marginals");
    m.put("loss.png", "loss");
    m.put("curves.csv", "curves.csv");
    return m;
  }

  /** One target's configurations. */
  private record Section(String label, List<String> candidates, List<ResultTable.Group> groups) {}

  /** The page. */
  public static String html(ResultTable t, Path outDir, Extras extras) {
    List<String> shown = t.shown();
    List<String> keys = shown.stream().filter(k -> !isTargetKey(k)).toList();
    List<Section> sections = sections(t, shown);
    Map<ResultTable.Group, Integer> index = new LinkedHashMap<>();
    t.groups().forEach(g -> index.put(g, index.size()));
    List<List<String>> figures = assignFigures(figureNames(outDir), sections);
    int runs = t.groups().stream().mapToInt(g -> g.runs().size()).sum();

    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pathspace results</title>\n")
        .append("<style>").append(CSS).append("</style></head><body>\n")
        .append("<h1>pathspace results</h1>\n<p>").append(runs).append(" runs in ").append(t.groups().size())
        .append(" configurations on ").append(sections.size()).append(sections.size() == 1 ? " target" : " targets")
        .append("; mean ± standard error over seeds and the median over seeds; <b>bold</b> = best per column")
        .append(" among runs on the same target. Click a column header to sort.</p>\n");
    if (extras.how() != null && extras.how().codeVersionsDiffer()) {
      sb.append("<div class=\"warn\" id=\"code-version-warning\"><b>Warning: the runs differ in code version</b> (")
          .append(extras.how().codeVersions().size()).append(" versions; see <a href=\"#how\">How produced</a>):")
          .append(" differences between configurations may come from the code, not the configuration.</div>\n");
    }
    sb.append("<p id=\"img-status\" class=\"warn\" hidden></p>\n<nav>");
    for (int s = 0; s < sections.size(); s++) {
      sb.append("<a href=\"#target-").append(s).append("\">").append(esc(sections.get(s).label())).append("</a> ");
    }
    if (!figures.get(sections.size()).isEmpty()) {
      sb.append("<a href=\"#figures\">other figures</a> ");
    }
    if (extras.how() != null) {
      sb.append("<a href=\"#how\">how produced</a>");
    }
    sb.append("</nav>\n<p><label><input type=\"checkbox\" id=\"show-median\" checked> median columns</label></p>\n");

    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      sb.append("<section class=\"target\" id=\"target-").append(s).append("\"><h2>").append(esc(sec.label()))
          .append("</h2>\n");
      table(sb, t, sec.groups(), keys, index, outDir, "table-" + s);
      if (extras.baseline() != null) {
        baseline(sb, extras.baseline(), sec.groups(), keys, extras.sweep(), "baseline-" + s);
      }
      if (extras.reference() != null) {
        published(sb, extras.reference(), sec.groups(), keys, "published-" + s);
      }
      if (!figures.get(s).isEmpty()) {
        sb.append("<h3>Figures</h3>\n<p class=\"note\">dot_: each dot one seed, the bar mean ± standard error over seeds; curve_: "
            + "the median over seeds with the inter-quartile band; marginals_: all seeds pooled, on the ground truth. "
            + "Click a figure for its SVG.</p>\n");
        figureList(sb, figures.get(s));
      }
      sb.append("<h3>Samples</h3>\n");
      for (ResultTable.Group g : sec.groups()) {
        samples(sb, g, shown, index.get(g), outDir);
      }
      sb.append("</section>\n");
    }
    if (!figures.get(sections.size()).isEmpty()) {
      sb.append("<section id=\"figures\"><h2>Figures</h2>\n<p>Figures of no single target (click for the SVG).</p>\n");
      figureList(sb, figures.get(sections.size()));
      sb.append("</section>\n");
    }
    if (extras.reference() != null && !extras.reference().unmatched().isEmpty()) {
      List<PublishedNumbers.Entry> unmatched = extras.reference().unmatched();
      sb.append("<section id=\"published-unmatched\"><h2>Published numbers without a matching configuration (")
          .append(unmatched.size()).append(")</h2>\n<ul>\n");
      unmatched.forEach(e -> sb.append("<li>").append(esc(ReferenceComparison.unmatchedText(e))).append("</li>\n"));
      sb.append("</ul></section>\n");
    }
    if (!t.notCounted().isEmpty()) {
      sb.append("<section id=\"not-counted\"><h2>Not counted (").append(t.notCounted().size()).append(")</h2>\n<ul>\n");
      t.notCounted().forEach(n -> sb.append("<li>").append(esc(n)).append("</li>\n"));
      sb.append("</ul></section>\n");
    }
    if (extras.how() != null) {
      how(sb, extras.how(), outDir);
    }
    return sb.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n").toString();
  }

  private static boolean isTargetKey(String k) {
    return k.equals("target") || k.startsWith("target.");
  }

  /** Groups by target: {@code target=NAME} and the shown {@code target.*} keys (the figures' target label). */
  private static List<Section> sections(ResultTable t, List<String> shown) {
    Map<String, List<ResultTable.Group>> by = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (ResultTable.Group g : t.groups()) {
      List<String> parts = new ArrayList<>();
      String name = g.config().getOrDefault("target", "");
      parts.add("target=" + name);
      shown.stream().filter(k -> k.startsWith("target.")).forEach(k -> parts.add(k + "=" + g.config().getOrDefault(k, "")));
      String label = String.join(", ", parts);
      by.computeIfAbsent(label, x -> new ArrayList<>()).add(g);
      names.put(label, name);
    }
    List<Section> out = new ArrayList<>();
    by.forEach((label, groups) -> {
      List<String> c = new ArrayList<>(List.of(sanitize(label), sanitize(label.substring("target=".length()))));
      if (!names.get(label).isEmpty()) {
        c.add(sanitize(names.get(label)));
      }
      out.add(new Section(label, c, groups));
    });
    return out;
  }

  /** The characters of a figure file stem ({@code output.DotIntervalPlot#stem}): others become '_'. */
  static String sanitize(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]+", "_");
  }

  private static List<String> figureNames(Path outDir) {
    Path dir = outDir.resolve(ResultsWriter.FIGURES);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Per section the figures matched to it; the last list holds the figures of no single section. */
  static List<List<String>> assignFigures(List<String> pngs, List<Section> sections) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i <= sections.size(); i++) {
      out.add(new ArrayList<>());
    }
    for (String png : pngs) {
      int exact = exactSection(png, sections);
      if (exact >= 0) {
        out.get(exact).add(png);
        continue;
      }
      Matcher m = FIGURE.matcher(png.substring(0, png.length() - 4));
      int best = -1;
      int bestScore = 0;
      boolean tie = false;
      if (m.matches()) {
        String rest = m.group(2);
        for (int s = 0; s < sections.size(); s++) {
          int score = 0;
          for (String c : sections.get(s).candidates()) {
            if (matchesToken(rest, c)) {
              score = Math.max(score, c.length());
            }
          }
          if (score > bestScore) {
            best = s;
            bestScore = score;
            tie = false;
          } else if (score > 0 && score == bestScore) {
            tie = true;
          }
        }
      }
      out.get(best < 0 || tie ? sections.size() : best).add(png);
    }
    return out;
  }

  /** The one section whose {@link FigureNames#target sanitised label} is the figure's target, or -1. */
  private static int exactSection(String png, List<Section> sections) {
    var parsed = FigureNames.parse(png);
    if (parsed.isEmpty()) {
      return -1;
    }
    int found = -1;
    for (int s = 0; s < sections.size(); s++) {
      if (FigureNames.target(sections.get(s).label()).equals(parsed.get().target())) {
        if (found >= 0) {
          return -1;
        }
        found = s;
      }
    }
    return found;
  }

  /** Whether {@code c} occurs in {@code rest} as a whole token: at the start or after '_'/'-', then '_'/'-'/end. */
  private static boolean matchesToken(String rest, String c) {
    for (int i = rest.indexOf(c); i >= 0; i = rest.indexOf(c, i + 1)) {
      boolean before = i == 0 || rest.charAt(i - 1) == '_' || rest.charAt(i - 1) == '-';
      int end = i + c.length();
      boolean after = end == rest.length() || rest.charAt(end) == '_' || rest.charAt(end) == '-';
      if (before && after) {
        return true;
      }
    }
    return false;
  }

  private static void figureList(StringBuilder sb, List<String> pngs) {
    sb.append("<div class=\"figs\">");
    for (String n : pngs) {
      String stem = n.substring(0, n.length() - 4);
      String png = ResultsWriter.FIGURES + "/" + n;
      String svg = ResultsWriter.FIGURES + "/" + stem + ".svg";
      sb.append("<figure><a href=\"").append(esc(svg)).append("\"><img class=\"fig\" src=\"").append(esc(png))
          .append("\" alt=\"").append(esc(stem)).append("\"></a><figcaption>").append(esc(stem))
          .append(" (<a href=\"").append(esc(png)).append("\">PNG</a>)</figcaption></figure>");
    }
    sb.append("</div>\n");
  }

  private static void table(StringBuilder sb, ResultTable t, List<ResultTable.Group> groups, List<String> keys,
      Map<ResultTable.Group, Integer> index, Path outDir, String id) {
    sb.append("<div class=\"scroll\"><table class=\"sortable\" id=\"").append(id).append("\">\n<thead><tr>");
    if (keys.isEmpty()) {
      sb.append("<th class=\"k\">configuration</th>");
    }
    keys.forEach(k -> sb.append("<th class=\"k\" data-type=\"text\" title=\"click to sort\">").append(esc(k)).append("</th>"));
    sb.append("<th data-type=\"num\" title=\"click to sort\">seeds</th>");
    for (String m : t.headline()) {
      sb.append("<th data-type=\"num\" title=\"click to sort by the mean\">").append(esc(m))
          .append("<br><small>mean ± se</small></th>");
      sb.append("<th class=\"med\" data-type=\"num\" title=\"click to sort by the median\">").append(esc(m))
          .append("<br><small>median</small></th>");
    }
    sb.append("<th class=\"k\">runs</th></tr></thead>\n<tbody>\n");
    for (ResultTable.Group g : groups) {
      int i = index.get(g);
      sb.append("<tr>");
      if (keys.isEmpty()) {
        sb.append("<td class=\"k\"><a href=\"#g").append(i).append("\">all runs</a></td>");
      }
      boolean first = true;
      for (String k : keys) {
        String v = esc(g.config().getOrDefault(k, ""));
        sb.append("<td class=\"k\">").append(first ? "<a href=\"#g" + i + "\">" + v + "</a>" : v).append("</td>");
        first = false;
      }
      sb.append("<td data-v=\"").append(g.runs().size()).append("\">").append(g.runs().size()).append("</td>");
      for (String m : t.headline()) {
        ResultTable.Stat s = g.stats().get(m);
        String cell = esc(ResultsWriter.cell(s));
        sb.append("<td data-v=\"").append(s == null ? "" : s.mean()).append("\">")
            .append(t.isBest(g, m) ? "<b>" + cell + "</b>" : cell).append("</td>");
        sb.append("<td class=\"med\" data-v=\"").append(s == null ? "" : s.median()).append("\">")
            .append(s == null ? "–" : esc(ResultsWriter.number(s.median()))).append("</td>");
      }
      sb.append("<td class=\"k runs\">");
      for (CollectedRun r : g.runs()) {
        runLinks(sb, r, outDir);
      }
      sb.append("</td></tr>\n");
    }
    sb.append("</tbody></table></div>\n");
  }

  /** {@code seed N} linked to the run directory, then its plots and curves that exist. */
  private static void runLinks(StringBuilder sb, CollectedRun r, Path outDir) {
    String rel = ResultsWriter.relative(outDir, r.dir());
    sb.append("<div><a class=\"run\" href=\"").append(esc(rel + "/")).append("\" title=\"").append(esc(rel))
        .append("\">seed ").append(esc(r.seed())).append("</a>");
    RUN_FILES.forEach((file, text) -> {
      if (Files.exists(r.dir().resolve(file))) {
        sb.append(" · <a href=\"").append(esc(rel + "/" + file)).append("\">").append(esc(text)).append("</a>");
      }
    });
    sb.append("</div>");
  }

  private static void baseline(StringBuilder sb, BaselineComparison b, List<ResultTable.Group> groups,
      List<String> keys, Function<ResultTable.Group, RunProvenance.Sweep> sweep, String id) {
    List<BaselineComparison.Row> rows = b.rows().stream().filter(r -> groups.contains(r.other())).toList();
    List<ResultTable.Group> without = b.withoutBaseline().stream().filter(groups::contains).toList();
    if (rows.isEmpty() && without.isEmpty()) {
      return;
    }
    List<String> cols = b.keyColumns(keys);
    sb.append("<h3>Relative to the baseline ").append(esc(b.spec().toString())).append("</h3>\n");
    if (!rows.isEmpty()) {
      sb.append("<table class=\"sortable baseline\" id=\"").append(id).append("\">\n<thead><tr>");
      cols.forEach(k -> sb.append("<th class=\"k\" data-type=\"text\">").append(esc(k)).append("</th>"));
      sb.append("<th class=\"k\" data-type=\"text\">metric</th><th>baseline: mean ± se (n)</th><th>mean ± se (n)</th>")
          .append("<th data-type=\"num\">difference</th><th data-type=\"num\">se</th><th>95 % interval</th>")
          .append("</tr></thead>\n<tbody>\n");
      for (BaselineComparison.Row r : rows) {
        sb.append("<tr>");
        cols.forEach(k -> sb.append("<td class=\"k\">").append(esc(b.keyValue(r.other(), k, sweep))).append("</td>"));
        sb.append("<td class=\"k\">").append(esc(r.metric())).append("</td><td>")
            .append(esc(BaselineComparison.stat(r.baseStat()))).append("</td><td>")
            .append(esc(BaselineComparison.stat(r.otherStat()))).append("</td><td data-v=\"").append(r.difference())
            .append("\">").append(esc(ResultsWriter.number(r.difference()))).append("</td><td data-v=\"")
            .append(Double.isNaN(r.se()) ? "" : r.se()).append("\">")
            .append(Double.isNaN(r.se()) ? "–" : esc(ResultsWriter.number(r.se()))).append("</td><td>")
            .append(esc(BaselineComparison.interval(r))).append("</td></tr>\n");
      }
      sb.append("</tbody></table>\n");
    }
    sb.append("<p class=\"note\">").append(esc(b.note())).append("</p>\n");
    if (!without.isEmpty()) {
      sb.append("<p>Without a baseline configuration identical except for ").append(esc(b.spec().key())).append(": ");
      List<String> labels = new ArrayList<>();
      for (ResultTable.Group g : without) {
        List<String> l = new ArrayList<>();
        cols.forEach(k -> l.add(k + "=" + b.keyValue(g, k, sweep)));
        labels.add(String.join(", ", l));
      }
      sb.append(esc(String.join("; ", labels))).append("</p>\n");
    }
  }

  /**
   * The section's comparisons with published numbers ({@code collect --reference}): the configuration keys,
   * the metric, our median (n) and mean ± se, the published value ± error, ours − published, the statistic
   * and the source (citation) the reference file gives.
   */
  private static void published(StringBuilder sb, ReferenceComparison cmp, List<ResultTable.Group> groups,
      List<String> keys, String id) {
    List<ReferenceComparison.Row> rows = cmp.rows().stream().filter(r -> groups.contains(r.group())).toList();
    if (rows.isEmpty()) {
      return;
    }
    sb.append("<h3>Beside the published numbers</h3>\n<div class=\"scroll\"><table class=\"sortable published\" id=\"")
        .append(id).append("\">\n<thead><tr>");
    keys.forEach(k -> sb.append("<th class=\"k\" data-type=\"text\">").append(esc(k)).append("</th>"));
    for (String c : ReferenceComparison.COLUMNS) {
      boolean text = c.equals("metric") || c.equals("statistic") || c.equals("source");
      sb.append(text ? "<th class=\"k\" data-type=\"text\">" : "<th data-type=\"num\">").append(esc(c)).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (ReferenceComparison.Row r : rows) {
      PublishedNumbers.Entry e = r.entry();
      sb.append("<tr>");
      keys.forEach(k -> sb.append("<td class=\"k\">").append(esc(r.group().config().getOrDefault(k, ""))).append("</td>"));
      sb.append("<td class=\"k\">").append(esc(e.metric())).append("</td>")
          .append("<td data-v=\"").append(r.ours().median()).append("\">").append(esc(r.oursMedianText())).append("</td>")
          .append("<td data-v=\"").append(r.ours().mean()).append("\">").append(esc(ResultsWriter.cell(r.ours())))
          .append("</td><td data-v=\"").append(e.value()).append("\">").append(esc(r.publishedText())).append("</td>")
          .append("<td data-v=\"").append(r.difference()).append("\">").append(esc(ResultsWriter.number(r.difference())))
          .append("</td><td class=\"k\">").append(esc(e.statistic())).append("</td><td class=\"k\">")
          .append(esc(e.source())).append("</td></tr>\n");
    }
    sb.append("</tbody></table></div>\n<p class=\"note\">").append(esc(ReferenceComparison.NOTE)).append("</p>\n");
  }

  /** A configuration's heading (anchor {@code g<i>}) and its runs' sample plots (or directory links). */
  private static void samples(StringBuilder sb, ResultTable.Group g, List<String> shown, int i, Path outDir) {
    List<String> label = new ArrayList<>();
    shown.forEach(k -> label.add(k + "=" + g.config().get(k)));
    sb.append("<h4 id=\"g").append(i).append("\">").append(esc(label.isEmpty() ? "all runs" : String.join(", ", label)))
        .append("</h4>\n<div>");
    for (CollectedRun r : g.runs()) {
      String rel = ResultsWriter.relative(outDir, r.dir());
      String title = "seed " + r.seed();
      if (Files.exists(r.dir().resolve("samples.png"))) {
        sb.append("<a href=\"").append(esc(rel + "/samples.png")).append("\"><img src=\"")
            .append(esc(rel + "/samples.png")).append("\" alt=\"").append(esc(title)).append("\" title=\"")
            .append(esc(title + " — " + rel)).append("\"></a>");
      } else {
        sb.append("<a href=\"").append(esc(rel + "/")).append("\">").append(esc(title)).append("</a> ");
      }
    }
    sb.append("</div>\n");
  }

  private static void how(StringBuilder sb, HowProduced h, Path outDir) {
    sb.append("<section id=\"how\"><h2>How produced</h2>\n<dl>\n<dt>Sweep file</dt>");
    if (h.sweeps().isEmpty()) {
      sb.append("<dd>none (no sweep-manifest.json under the collected directories, and the runs are not sweep points)</dd>\n");
    }
    for (HowProduced.Sweep s : h.sweeps()) {
      sb.append("<dd><code>").append(esc(s.file())).append("</code>");
      if (s.manifest() != null) {
        sb.append(" (<a href=\"").append(esc(ResultsWriter.relative(outDir, s.manifest()))).append("\">")
            .append(esc(SweepManifest.FILE)).append("</a>)");
        if (!s.presets().isEmpty()) {
          sb.append("<br>presets: ").append(esc(String.join(", ", s.presets())));
        }
        if (!s.base().isEmpty()) {
          sb.append("<br>base: ").append(esc(String.join(" ", s.base())));
        }
        if (!s.grid().isEmpty()) {
          sb.append("<br>grid: ").append(esc(HowProduced.gridText(s.grid())));
        }
      } else {
        sb.append(" (named by the runs' provenance.json; no manifest found)");
      }
      sb.append("</dd>\n");
    }
    sb.append("<dt>Code version</dt>");
    if (h.codeVersionsDiffer()) {
      sb.append("<dd class=\"warn\"><b>The runs differ in code version:</b><ul>");
      h.codeVersions().forEach((v, runs) -> sb.append("<li><code>").append(esc(v)).append("</code>: ")
          .append(runs.size()).append(runs.size() == 1 ? " run (" : " runs (")
          .append(esc(String.join(", ", runs.stream().map(r -> ResultsWriter.relative(outDir, r)).toList())))
          .append(")</li>"));
      sb.append("</ul></dd>\n");
    } else if (h.codeVersions().size() == 1) {
      var e = h.codeVersions().entrySet().iterator().next();
      sb.append("<dd><code>").append(esc(e.getKey())).append("</code> (all ").append(e.getValue().size())
          .append(" runs with provenance)</dd>\n");
    } else {
      sb.append("<dd>unknown (no run has a readable provenance.json)</dd>\n");
    }
    if (!h.withoutProvenance().isEmpty()) {
      sb.append("<dd>").append(h.withoutProvenance().size()).append(" runs without provenance: ")
          .append(esc(String.join("; ", h.withoutProvenance()))).append("</dd>\n");
    }
    sb.append("<dt>Plug-ins</dt><dd>").append(h.plugins().isEmpty() ? "none (built-in components only)"
        : esc(String.join("; ", h.plugins()))).append("</dd>\n<dt>Components</dt><dd>");
    List<String> comps = new ArrayList<>();
    h.components().forEach((k, vs) -> comps.add(k + ": " + String.join(", ", vs)));
    sb.append(esc(String.join("; ", comps))).append("</dd>\n<dt>Command</dt><dd><code>").append(esc(h.command()))
        .append("</code></dd>\n<dt>Date</dt><dd>").append(esc(h.date().toString())).append("</dd>\n</dl></section>\n");
  }

  private static final String CSS = "body{font-family:sans-serif;margin:2em;color:#222}"
      + "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;"
      + "vertical-align:top;white-space:nowrap}.scroll{overflow-x:auto}td.k,th.k{text-align:left}th[data-type]{cursor:pointer;background:#f4f4f4}"
      + "th.asc::after{content:' \\25B2'}th.desc::after{content:' \\25BC'}th[aria-sort]{background:#dde8f6}"
      + "body.nomedian .med{display:none}td.runs{font-size:85%}nav a{margin-right:1em}"
      + ".warn{background:#fff3cd;border:1px solid #e0b000;padding:0.5em}.note{font-size:85%;color:#555}"
      + "img{width:260px;margin:4px;border:1px solid #eee}img.fig{width:480px}figure{display:inline-block;margin:4px}"
      + "figcaption{font-size:80%}dt{font-weight:bold;margin-top:0.5em}section{margin-bottom:2em}";

  private static final String SCRIPT = """

      (function () {
        function key(td, num) {
          var v = td.hasAttribute('data-v') ? td.getAttribute('data-v') : td.textContent;
          if (!num) return v;
          var x = parseFloat(v);
          return isNaN(x) ? null : x;
        }
        function sortBy(th) {
          var table = th.closest('table'), body = table.tBodies[0], col = th.cellIndex;
          var num = th.getAttribute('data-type') === 'num';
          var dir = th.classList.contains('asc') ? -1 : 1;
          table.querySelectorAll('th').forEach(function (h) { h.classList.remove('asc', 'desc'); h.removeAttribute('aria-sort'); });
          th.classList.add(dir > 0 ? 'asc' : 'desc');
          th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = key(a.cells[col], num), y = key(b.cells[col], num);
            if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1); // missing/NaN last
            return dir * (num ? x - y : x.localeCompare(y, undefined, {numeric: true}));
          });
          rows.forEach(function (r) { body.appendChild(r); });
        }
        document.querySelectorAll('table.sortable th[data-type]').forEach(function (th) {
          th.addEventListener('click', function () { sortBy(th); });
        });
        var median = document.getElementById('show-median');
        median.addEventListener('change', function () { document.body.classList.toggle('nomedian', !median.checked); });
        var m = /^#sort=([A-Za-z0-9-]+):(\\d+)(?::(\\d+))?$/.exec(location.hash);
        var table = m && document.getElementById(m[1]);
        if (table && table.tHead.rows[0].cells[+m[2]]) {
          for (var i = 0; i < (m[3] ? +m[3] : 1); i++) table.tHead.rows[0].cells[+m[2]].click();
        }
        window.addEventListener('load', function () {
          var broken = [], status = document.getElementById('img-status');
          Array.prototype.forEach.call(document.images, function (img) {
            if (!(img.complete && img.naturalWidth > 0)) broken.push(img.getAttribute('src'));
          });
          status.setAttribute('data-images', document.images.length);
          status.setAttribute('data-broken', broken.length);
          if (broken.length) {
            status.textContent = broken.length + ' of ' + document.images.length + ' images did not load: ' + broken.join(', ');
            status.hidden = false;
          }
        });
      })();
      """;
}
