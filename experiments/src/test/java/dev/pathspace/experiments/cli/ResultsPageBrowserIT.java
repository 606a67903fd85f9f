package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.sweep.FakeRuns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.fakes.Fakes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code results.html} as a user sees it: {@code collect} over fake run directories (each with a tiny
 * {@code samples.png}, plus a tiny figure in {@code figures/} beside collect's own dot-and-interval plots),
 * rendered by headless Chromium ({@code --dump-dom} after {@code --virtual-time-budget}, which lets the page's
 * load handlers run). Checks that every {@code <img>} loaded (the page's own script records
 * {@code data-images}/{@code data-broken} on {@code #img-status} after load) and that clicking a column
 * header re-orders the rows: the URL fragment {@code #sort=table-0:2:N} makes the page click header 2 (the
 * log_z_error mean) of the first target's table N times, through the same click handler a user triggers;
 * the same for the table of published numbers ({@code --reference}) in the target's section.
 * Runs in the {@code integration-test} phase; with {@code CI=true} a missing {@code chromium} fails the
 * test ({@code .ci/run} installs Debian's {@code chromium}), otherwise it is skipped with a message.
 */
class ResultsPageBrowserIT {
  private static final long TIMEOUT_SECONDS = 30;
  @TempDir Path work;
  private Path chromium;

  @BeforeEach
  void findChromium() {
    chromium = executable();
    if (chromium == null) {
      String why = "ResultsPageBrowserIT: no chromium on PATH (Debian: apt-get install chromium)";
      assertThat("true".equals(System.getenv("CI"))).as(why + "; with CI=true the browser test must run").isFalse();
      System.out.println(why + "; skipped (it is required with CI=true)");
      Assumptions.abort(why);
    }
  }

  private static Path executable() {
    List<Path> dirs = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!d.isEmpty()) {
        dirs.add(Path.of(d));
      }
    }
    dirs.add(Path.of("/usr/bin"));
    for (Path d : dirs) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = d.resolve(name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  private void fakeRun(String name, String divergence, int seed, double err) throws IOException {
    Path d = FakeRuns.write(work.resolve("runs").resolve(name), divergence, seed,
        "{\"seed\": %d, \"log_z_error\": %s, \"ess\": 0.5}".formatted(seed, err));
    png(d.resolve("samples.png"));
  }

  private static void png(Path file) throws IOException {
    BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 1, 0x3366cc);
    ImageIO.write(img, "png", file.toFile());
  }

  /** The collect output: three configurations on gmm in the order reverse-kl, log-variance, moment. */
  private Path collect() throws IOException {
    fakeRun("a1", "reverse-kl", 1, 2.0);
    fakeRun("a2", "reverse-kl", 2, 2.2);
    fakeRun("b1", "log-variance", 1, 0.2);
    fakeRun("b2", "log-variance", 2, 0.4);
    fakeRun("c1", "moment", 1, 0.9);
    Files.createDirectories(work.resolve("report/figures"));
    png(work.resolve("report/figures/overview.png"));
    Files.writeString(work.resolve("published.csv"), """
        divergence,metric,value,error,statistic,source
        reverse-kl,log_z_error,1.0,0.1,median of 5 seeds,Paper A Table 2
        log-variance,log_z_error,0.25,,median of 5 seeds,Paper A Table 2
        moment,log_z_error,0.1,0.05,median of 3 seeds,Paper B Table 1
        """);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Fakes::registry, new FakeBackend(), work,
        Clock.fixed(Instant.parse("2026-12-03T05:06:07Z"), ZoneOffset.UTC), false);
    assertThat(Main.run(new String[] {"collect", "runs", "--out", "report", "--baseline", "divergence=reverse-kl",
        "--reference", "published.csv"}, ctx))
        .as(err.toString(StandardCharsets.UTF_8)).isZero();
    return work.resolve("report/results.html");
  }

  /** The DOM after load as headless Chromium renders {@code page}{@code fragment}. */
  private String dom(Path page, String fragment) throws IOException, InterruptedException {
    Path log = work.resolve("chromium.log");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
        "--user-data-dir=" + work.resolve("chromium-profile"), "--virtual-time-budget=5000", "--dump-dom",
        page.toUri() + fragment)
        .redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("chromium finished within %d s; log: %s", TIMEOUT_SECONDS, log).isTrue();
    String dom = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("chromium exit code; stderr:%n%s", Files.readString(log)).isZero();
    assertThat(dom).as("dumped DOM; chromium stderr:%n%s", Files.readString(log)).contains("</html>");
    return dom;
  }

  private static String attribute(String dom, String id, String name) {
    Matcher tag = Pattern.compile("<[a-z]+ [^>]*id=\"" + id + "\"[^>]*>").matcher(dom);
    assertThat(tag.find()).as("element #%s in the DOM", id).isTrue();
    Matcher a = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag.group());
    return a.find() ? a.group(1) : null;
  }

  /** The first cell's text of each row of table {@code id}. */
  private static List<String> firstColumn(String dom, String id) {
    int start = dom.indexOf("id=\"" + id + "\"");
    assertThat(start).as("table %s", id).isNotNegative();
    String body = dom.substring(dom.indexOf("<tbody>", start), dom.indexOf("</tbody>", start));
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<tr><td class=\"k\">(?:<a [^>]*>)?([^<]*)").matcher(body);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyImageLoadsAndClickingAHeaderSortsTheRows() throws Exception {
    Path page = collect();
    String html = Files.readString(page);
    int imgs = html.split("<img ", -1).length - 1;
    assertThat(imgs).as("5 samples.png, overview.png and collect's dot-and-interval plots").isGreaterThanOrEqualTo(8);

    String dom = dom(page, "");
    assertThat(attribute(dom, "img-status", "data-images")).isEqualTo(Integer.toString(imgs));
    assertThat(attribute(dom, "img-status", "data-broken")).as(dom).isEqualTo("0");
    assertThat(firstColumn(dom, "table-0")).containsExactly("reverse-kl", "log-variance", "moment"); // table order

    // one click on the log_z_error mean header: ascending by the mean (0.3, 0.9, 2.1), marked on the header
    String asc = dom(page, "#sort=table-0:2");
    assertThat(firstColumn(asc, "table-0")).containsExactly("log-variance", "moment", "reverse-kl");
    assertThat(asc).containsPattern("<th [^>]*aria-sort=\"ascending\"[^>]*>log_z_error<br><small>mean");
    // a second click reverses
    String desc = dom(page, "#sort=table-0:2:2");
    assertThat(firstColumn(desc, "table-0")).containsExactly("reverse-kl", "moment", "log-variance");
    assertThat(desc).containsPattern("<th [^>]*aria-sort=\"descending\"[^>]*>log_z_error<br><small>mean");

    // the published numbers (collect --reference) in the target's section, in file order with their source;
    // ours − published (column 5) = 2.1 − 1.0, 0.3 − 0.25, 0.9 − 0.1: one click sorts ascending
    assertThat(firstColumn(dom, "published-0")).containsExactly("reverse-kl", "log-variance", "moment");
    assertThat(dom).contains("<td class=\"k\">Paper B Table 1</td>");
    String byDifference = dom(page, "#sort=published-0:5");
    assertThat(firstColumn(byDifference, "published-0")).containsExactly("log-variance", "moment", "reverse-kl");
    assertThat(firstColumn(byDifference, "table-0")).containsExactly("reverse-kl", "log-variance", "moment");

    // a broken image is reported by the page (the check above can fail)
    Files.delete(work.resolve("report/figures/overview.png"));
    String broken = dom(page, "");
    assertThat(attribute(broken, "img-status", "data-broken")).isEqualTo("1");
    assertThat(broken).contains("images did not load: figures/overview.png");
  }
}
