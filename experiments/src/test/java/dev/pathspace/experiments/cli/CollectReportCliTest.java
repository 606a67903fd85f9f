package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.sweep.FakeRuns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.fakes.Fakes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collect --baseline} and the report sections as a user calls them: exit codes, files, messages. */
class CollectReportCliTest {
  @TempDir Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Fakes::registry, new FakeBackend(), work,
        Clock.fixed(Instant.parse("2026-12-03T05:06:07Z"), ZoneOffset.UTC), false);
    return Main.run(args, ctx);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void fakeRun(String name, String divergence, int seed, double err, String commit) throws Exception {
    Path d = FakeRuns.write(work.resolve("runs").resolve(name), divergence, seed,
        "{\"seed\": %d, \"log_z_error\": %s}".formatted(seed, err));
    Files.writeString(d.resolve("provenance.json"),
        "{\"pathspace_version\": \"0.1.0\", \"git\": {\"commit\": \"" + commit + "\", \"dirty\": false}}");
  }

  @Test
  void baselineDifferencesGoToResultsMdHtmlAndCsvAfterTheTables() throws Exception {
    fakeRun("a1", "reverse-kl", 1, 1.0, "c1");
    fakeRun("a2", "reverse-kl", 2, 3.0, "c1");
    fakeRun("b1", "log-variance", 1, 0.5, "c1");
    fakeRun("b2", "log-variance", 2, 1.5, "c2");
    assertThat(run("collect", "runs", "--out", "report", "--baseline", "divergence=reverse-kl")).as(err()).isZero();
    String md = Files.readString(work.resolve("report/results.md"));
    // the existing tables first (scripts count the rows of the first one), the new sections after them
    assertThat(md.indexOf("Median over seeds")).isLessThan(md.indexOf("## Relative to the baseline divergence=reverse-kl"));
    assertThat(md.indexOf("## Relative to the baseline")).isLessThan(md.indexOf("## How produced"));
    // means 1.0 and 2.0 (se 0.5 and 1.0): difference -1, se √1.25
    assertThat(md).contains("| log-variance | log_z_error | 2.000 ± 1.000 (2) | 1.000 ± 0.5000 (2) | -1.000 | 1.118 | [-3.191, 1.191] |")
        .contains("**Warning: the runs differ in code version** (2 versions)")
        .contains("- command: `pathspace collect runs --out report --baseline divergence=reverse-kl`")
        .contains("- date: 2026-12-03T05:06:07Z");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("## Relative to the baseline divergence=reverse-kl");
    assertThat(work.resolve("report/baseline.csv")).content().startsWith("divergence,metric,baseline_mean,")
        .contains("log-variance,log_z_error,2.0,1.0,2,1.0,0.5,2,-1.0,1.118033988749895,");
    assertThat(work.resolve("report/results.html")).content().contains("<h3>Relative to the baseline divergence=reverse-kl</h3>")
        .contains("id=\"code-version-warning\"");
    assertThat(err()).contains("warning: the runs differ in code version (0.1.0 git c1: 3 runs; 0.1.0 git c2: 1 run)");
  }

  @Test
  void badBaselinesAreExitTwoWithTheValidChoicesAndNothingWritten() throws Exception {
    fakeRun("a1", "reverse-kl", 1, 1.0, "c1");
    fakeRun("b1", "log-variance", 1, 0.5, "c1");
    for (List<String> c : List.of(
        List.of("divergence", "--baseline 'divergence' is malformed: expected KEY=VALUE"),
        List.of("foo=bar", "--baseline 'foo=bar': 'foo' is not a key that differs between the configurations;"
            + " valid keys (values): divergence (reverse-kl, log-variance)"),
        List.of("divergence=moment", "--baseline 'divergence=moment': no configuration has divergence=moment;"
            + " divergence takes: reverse-kl, log-variance"))) {
      assertThat(run("collect", "runs", "--out", "report", "--baseline", c.get(0))).isEqualTo(Main.EXIT_CONFIG);
      assertThat(err()).contains("error: " + c.get(1)).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(work.resolve("report")).doesNotExist();
    }
  }
}
