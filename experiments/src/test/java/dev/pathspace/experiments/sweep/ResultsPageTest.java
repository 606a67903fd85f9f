package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The structure of results.html without a browser (the browser test is ResultsPageBrowserIT). */
class ResultsPageTest {
  @TempDir Path tmp;

  private void run(String name, String sampler, String target, int seed, double err, String commit,
      String... files) throws Exception {
    Path d = tmp.resolve("runs").resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("config.yaml"), """
        sampler: {type: %s}
        divergence: {type: log-variance}
        target: {type: %s, dim: 2}
        train: {steps: 100}
        seed: %d
        """.formatted(sampler, target, seed));
    Files.writeString(d.resolve("summary.json"), "{\"seed\": %d, \"log_z_error\": %s, \"ess\": 0.5}".formatted(seed, err));
    Files.writeString(d.resolve("provenance.json"), """
        {"pathspace_version": "0.1.0-SNAPSHOT", "git": {"commit": "%s", "dirty": false},
         "plugins": [{"path": "/opt/my-plugin.jar", "sha256": "0123456789abcdef0123", "registers": ["sampler:mine"]}],
         "sweep": {"file": "/w/grid.yaml", "point": 0, "overrides": ["sampler=%s", "seed=%d"]}}
        """.formatted(commit, sampler, seed));
    for (String f : files) {
      Files.write(d.resolve(f), new byte[] {1});
    }
  }

  /** gmm: dis (2 seeds) and pis; funnel: dis; the figures of issue 15's naming and the present one. */
  private Path fixture(String secondCommit) throws Exception {
    run("a1", "dis", "gmm", 1, 0.1, "abc123", "samples.png", "loss.png", "curves.csv");
    run("a2", "dis", "gmm", 2, 0.3, "abc123", "samples.png");
    run("b1", "pis", "gmm", 1, 0.5, "abc123");
    run("c1", "dis", "funnel", 1, 2.0, secondCommit, "marginals.png");
    Files.writeString(tmp.resolve("runs/sweep-manifest.json"), """
        {"sweep_file": "/w/grid.yaml", "presets": ["ref-dis"], "base": ["train.steps=100"],
         "grid": {"sampler": ["dis", "pis"], "target": ["gmm", "funnel"], "seed": ["1", "2"]}, "points": []}
        """);
    Path figs = tmp.resolve("report/figures");
    Files.createDirectories(figs);
    for (String f : List.of("dots-log_z_error-target_gmm", "curve_funnel_ess_steps", "marginals_gmm_all",
        "overview", "dot_unknown_target")) {
      Files.write(figs.resolve(f + ".png"), new byte[] {1});
    }
    return tmp.resolve("report");
  }

  private String page(Path out, ResultTable t, BaselineComparison baseline) {
    Map<Path, RunProvenance> prov = new LinkedHashMap<>();
    t.groups().forEach(g -> g.runs().forEach(r -> prov.put(r.dir(), RunProvenance.read(r.dir()))));
    HowProduced how = HowProduced.of(List.of(tmp.resolve("runs")), t, prov,
        List.of("collect", "runs", "--out", "report", "--baseline", "x=<y>"), Instant.parse("2026-12-03T12:00:00Z"));
    return ResultsPage.html(t, out, new ResultsPage.Extras(how, baseline, g -> prov.get(g.runs().get(0).dir()).sweep()));
  }

  private static String between(String s, String from, String to) {
    int i = s.indexOf(from);
    assertThat(i).as("'%s' in the page", from).isNotNegative();
    int j = to == null ? s.length() : s.indexOf(to, i);
    return s.substring(i, j < 0 ? s.length() : j);
  }

  @Test
  void oneSectionPerTargetWithItsTableFiguresAndTheGroupingKeysOnly() throws Exception {
    Path out = fixture("abc123");
    ResultTable t = ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs"))));
    String html = page(out, t, null);
    String gmm = between(html, "<section class=\"target\" id=\"target-0\"><h2>target=gmm</h2>", "</section>");
    String funnel = between(html, "<section class=\"target\" id=\"target-1\"><h2>target=funnel</h2>", "</section>");
    // grouping keys only: sampler differs; divergence, train.steps and dim do not, target is the section
    assertThat(between(gmm, "<thead>", "</thead>")).contains(">sampler</th>").doesNotContain("divergence")
        .doesNotContain("train.steps").doesNotContain(">target</th>")
        .contains("log_z_error<br><small>mean ± se</small>").contains("log_z_error<br><small>median</small>");
    assertThat(between(gmm, "<tbody>", "</tbody>").split("<tr>")).hasSize(3); // dis and pis
    assertThat(between(funnel, "<tbody>", "</tbody>").split("<tr>")).hasSize(2);
    // sortable by the mean (data-v) and the median: dis on gmm has mean 0.2, median 0.2; bold = best on gmm
    assertThat(gmm).contains("<td data-v=\"0.2\"><b>0.2000 ± 0.1000</b></td><td class=\"med\" data-v=\"0.2\">0.2000</td>");
    assertThat(funnel).contains("<td data-v=\"2.0\"><b>2.000</b></td>"); // the only one on funnel is its best
    // figures grouped by target name; unmatched ones in the general section
    assertThat(gmm).contains("figures/dots-log_z_error-target_gmm.png").contains("figures/marginals_gmm_all.png")
        .doesNotContain("curve_funnel");
    assertThat(funnel).contains("<img class=\"fig\" src=\"figures/curve_funnel_ess_steps.png\"")
        .contains("href=\"figures/curve_funnel_ess_steps.svg\"");
    String general = between(html, "<section id=\"figures\">", "</section>");
    assertThat(general).contains("figures/overview.png").contains("figures/dot_unknown_target.png")
        .doesNotContain("gmm");
  }

  @Test
  void runLinksAreRelativeAndOnlyToFilesThatExist() throws Exception {
    Path out = fixture("abc123");
    String html = page(out, ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs")))), null);
    assertThat(html).contains("<a class=\"run\" href=\"../runs/a1/\" title=\"../runs/a1\">seed 1</a>"
            + " · <a href=\"../runs/a1/samples.png\">samples</a> · <a href=\"../runs/a1/loss.png\">loss</a>"
            + " · <a href=\"../runs/a1/curves.csv\">curves.csv</a></div>")
        .contains("<a class=\"run\" href=\"../runs/c1/\" title=\"../runs/c1\">seed 1</a>"
            + " · <a href=\"../runs/c1/marginals.png\">marginals</a></div>")
        .contains("<img src=\"../runs/a2/samples.png\"")
        .contains("<a href=\"../runs/sweep-manifest.json\">sweep-manifest.json</a>");
    Matcher m = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
    int links = 0;
    while (m.find()) {
      links++;
      assertThat(m.group(1)).as("link %s", m.group(1)).doesNotStartWith("/").doesNotContain(":");
    }
    assertThat(links).isGreaterThan(20);
    // self-contained: no network, external script, style sheet or font
    assertThat(html).doesNotContain("://").doesNotContain("<link").doesNotContain("<script src").doesNotContain("@import")
        .contains("<script>");
  }

  @Test
  void howProducedNamesSweepCodeVersionPluginsCommandAndDate() throws Exception {
    Path out = fixture("abc123");
    String html = page(out, ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs")))), null);
    String how = between(html, "<section id=\"how\"><h2>How produced</h2>", "</section>");
    assertThat(how).contains("<code>/w/grid.yaml</code>").contains("presets: ref-dis").contains("base: train.steps=100")
        .contains("grid: sampler ∈ {dis, pis}; target ∈ {gmm, funnel}; seed ∈ {1, 2}")
        .contains("<dd><code>0.1.0-SNAPSHOT git abc123</code> (all 4 runs with provenance)</dd>")
        .contains("/opt/my-plugin.jar (sha256 0123456789ab): sampler:mine")
        .contains("sampler: dis, pis; divergence: log-variance; target: gmm, funnel")
        .contains("<code>pathspace collect runs --out report --baseline &#x27;x=&lt;y&gt;&#x27;</code>".replace("&#x27;", "'"))
        .contains("2026-12-03T12:00:00Z");
    assertThat(html).doesNotContain("<y>").doesNotContain("code-version-warning").doesNotContain("differ in code version");
  }

  @Test
  void runsOfDifferentCodeVersionsAreAWarningAtTheTopAndInTheBlock() throws Exception {
    Path out = fixture("def456");
    String html = page(out, ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs")))), null);
    assertThat(html.indexOf("id=\"code-version-warning\"")).isPositive().isLessThan(html.indexOf("id=\"target-0\""));
    assertThat(between(html, "<section id=\"how\">", "</section>"))
        .contains("<dd class=\"warn\"><b>The runs differ in code version:</b>")
        .contains("<li><code>0.1.0-SNAPSHOT git abc123</code>: 3 runs (../runs/a1, ../runs/a2, ../runs/b1)</li>")
        .contains("<li><code>0.1.0-SNAPSHOT git def456</code>: 1 run (../runs/c1)</li>");
  }

  @Test
  void theBaselineDifferencesStandInTheirTargetsSection() throws Exception {
    Path out = fixture("abc123");
    ResultTable t = ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs"))));
    BaselineComparison b = BaselineComparison.of(t, BaselineComparison.Spec.parse("sampler=dis"), g -> null);
    String html = page(out, t, b);
    String gmm = between(html, "id=\"target-0\"", "</section>");
    // pis 0.5 (1 seed) − dis 0.2 ± 0.1: no interval with one seed
    assertThat(gmm).contains("<h3>Relative to the baseline sampler=dis</h3>")
        .contains("<td class=\"k\">pis</td><td class=\"k\">log_z_error</td><td>0.2000 ± 0.1000 (2)</td>"
            + "<td>0.5000 (1)</td><td data-v=\"0.3\">0.3000</td><td data-v=\"\">–</td><td>unavailable (n &lt; 2)</td>")
        .contains("normal approximation");
    assertThat(between(html, "id=\"target-1\"", "</section>")).doesNotContain("Relative to the baseline");
  }

  @Test
  void thePublishedNumbersStandInTheirTargetsSectionWithTheirSource() throws Exception {
    Path out = fixture("abc123");
    ResultTable t = ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs"))));
    Path file = tmp.resolve("published.csv");
    Files.writeString(file, """
        sampler,target,metric,value,error,statistic,source
        dis,gmm,log_z_error,0.05,0.01,median of 5 seeds,Berner et al. TMLR 2024 Table 2
        dis,funnel,log_z_error,1.5,,median of 5 seeds,Richter & Berner ICLR 2024 Table 1
        pis,funnel,log_z_error,0.3,0.1,median,<no such run>
        """);
    ReferenceComparison cmp = ReferenceComparison.of(t, PublishedNumbers.read(file));
    String html = ResultsPage.html(t, out, new ResultsPage.Extras(null, null, g -> null).withReference(cmp));
    String gmm = between(html, "id=\"target-0\"", "</section>");
    String funnel = between(html, "id=\"target-1\"", "</section>");
    // gmm: dis has 0.1 and 0.3 (median 0.2, mean 0.2 ± 0.1), 0.2 − 0.05 = 0.15; pis has no published number
    String gmmTable = between(gmm, "<table class=\"sortable published\" id=\"published-0\">", "</table>");
    assertThat(gmm.indexOf("<h3>Beside the published numbers</h3>")).isPositive()
        .isLessThan(gmm.indexOf("<h3>Samples</h3>"));
    assertThat(between(gmmTable, "<thead>", "</thead>")).contains(">sampler</th>").contains(">metric</th>")
        .contains(">ours: median (n)</th>").contains(">published</th>").contains(">ours − published</th>")
        .contains(">statistic</th>").contains(">source</th>").doesNotContain(">target</th>");
    assertThat(between(gmmTable, "<tbody>", "</tbody>").split("<tr>")).hasSize(2);
    assertThat(gmmTable).containsPattern("<td class=\"k\">dis</td><td class=\"k\">log_z_error</td>"
        + "<td data-v=\"0\\.2[0-9]*\">0\\.2000 \\(2\\)</td><td data-v=\"0\\.2[0-9]*\">0\\.2000 ± 0\\.1000</td>"
        + "<td data-v=\"0\\.05\">0\\.05000 ± 0\\.01000</td><td data-v=\"0\\.1[45][0-9]*\">0\\.1500</td>"
        + "<td class=\"k\">median of 5 seeds</td><td class=\"k\">Berner et al\\. TMLR 2024 Table 2</td>");
    // funnel: 2.0 − 1.5 without a published error bar; the source is escaped
    assertThat(between(funnel, "id=\"published-1\"", "</table>"))
        .contains("<td data-v=\"1.5\">1.500</td><td data-v=\"0.5\">0.5000</td>")
        .contains("<td class=\"k\">Richter &amp; Berner ICLR 2024 Table 1</td>").doesNotContain("Berner et al.");
    assertThat(gmm).doesNotContain("Richter");
    // pis on funnel has no run: listed, not dropped
    assertThat(between(html, "<section id=\"published-unmatched\">", "</section>"))
        .contains("without a matching configuration (1)").contains("log_z_error = 0.3000 (&lt;no such run&gt;)");
    assertThat(html).doesNotContain("<no such run>");
    // without --reference: no such table
    assertThat(page(out, t, null)).doesNotContain("Beside the published numbers").doesNotContain("published-unmatched");
  }

  @Test
  void targetParametersThatDifferMakeSeparateSectionsAndAmbiguousFiguresGoToTheGeneralOne() throws Exception {
    for (int dim : new int[] {2, 10}) {
      Path d = tmp.resolve("runs/d" + dim);
      Files.createDirectories(d);
      Files.writeString(d.resolve("config.yaml"), "sampler: {type: dis}\ntarget: {type: gmm, dim: " + dim + "}\nseed: 1\n");
      Files.writeString(d.resolve("summary.json"), "{\"seed\": 1, \"log_z_error\": " + dim + "}");
    }
    Path figs = tmp.resolve("report/figures");
    Files.createDirectories(figs);
    for (String f : List.of("dot_gmm_log_z_error", "dots-log_z_error-target_gmm_target.dim_10", "curve_gmm_target.dim_2_ess")) {
      Files.write(figs.resolve(f + ".png"), new byte[] {1});
    }
    ResultTable t = ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs"))));
    String html = ResultsPage.html(t, tmp.resolve("report"), ResultsPage.Extras.none());
    String dim10 = between(html, "<section class=\"target\" id=\"target-0\"><h2>target=gmm, target.dim=10</h2>", "</section>");
    String dim2 = between(html, "<section class=\"target\" id=\"target-1\"><h2>target=gmm, target.dim=2</h2>", "</section>");
    assertThat(dim10).contains("dots-log_z_error-target_gmm_target.dim_10.png").doesNotContain("curve_gmm");
    assertThat(dim2).contains("curve_gmm_target.dim_2_ess.png").doesNotContain("dots-");
    // "gmm" alone matches both sections equally well: not guessed
    assertThat(between(html, "<section id=\"figures\">", "</section>")).contains("dot_gmm_log_z_error.png");
    assertThat(html).doesNotContain("id=\"how\""); // no block without its data
  }
}
