package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.fakes.Fakes;
import dev.pathspace.experiments.output.SampleFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collect} writes the dot-interval, learning-curve and marginal figures of a sweep into figures/. */
class CollectFiguresCliTest {
  @TempDir Path work;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    err.reset();
    CliContext ctx = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Fakes::registry, new FakeBackend(), work,
        Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC), false);
    return Main.run(args, ctx);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private List<Path> sweep() throws Exception {
    Files.writeString(work.resolve("s.yaml"), """
        base:
          train: {steps: 4, logEvery: 2, checkpointEvery: 2}
          eval.batch: 20
        grid:
          divergence: [log-variance, moment]
          seed: [1, 2, 3]
        """);
    assertThat(run("sweep", "s.yaml")).as(err()).isZero();
    try (Stream<Path> s = Files.list(work.resolve("runs/sweep-s"))) {
      return s.filter(p -> Files.exists(p.resolve("summary.json"))).sorted().toList();
    }
  }

  @Test
  void collectWritesEveryFigureKindForTheTarget() throws Exception {
    List<Path> dirs = sweep();
    assertThat(dirs).hasSize(6);
    for (int i = 0; i < dirs.size(); i++) {
      Files.writeString(dirs.get(i).resolve("curves.csv"), "step,elapsed_s,loss,log_z_error,ess\n"
          + "0,0.0,3.0," + (1 + i) + ",0.2\n2,0.5,2.0," + (0.5 + i) + ",0.4\n4,1.0,1.0,,0.6\n");
    }
    SampleFiles.write(dirs.get(0).resolve("samples.npy"), new double[][] {{0.1, 0.2}, {1.0, -1.0}},
        new double[] {0, 0});
    assertThat(run("collect", "runs/sweep-s", "--out", "report")).as(err()).isZero();
    Path figs = work.resolve("report/figures");
    for (String stem : List.of("dot_gmm_log_z_error", "dot_gmm_ess", "dot_gmm_train_seconds", "curve_gmm_log_z_error_steps",
        "curve_gmm_log_z_error_seconds", "curve_gmm_ess_steps", "curve_gmm_ess_seconds", "marginals_gmm")) {
      assertThat(figs.resolve(stem + ".png")).isNotEmptyFile();
      assertThat(Files.readString(figs.resolve(stem + ".svg"))).contains("<svg").endsWith("</svg>\n");
    }
    try (Stream<Path> s = Files.list(figs)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.contains("sinkhorn"))).isEmpty();
    }
    assertThat(err()).doesNotContain("no ground truth"); // the fake gmm was rebuilt from config.yaml
  }

  @Test
  void runsWithoutCurvesOrSamplesGetOnlyTheDotFiguresAndAMalformedCurveIsAClearError() throws Exception {
    List<Path> dirs = sweep();
    for (Path d : dirs) { // runs write samples.npy; this case is about runs without it
      Files.deleteIfExists(d.resolve("samples.npy"));
    }
    assertThat(run("collect", "runs/sweep-s", "--out", "report")).as(err()).isZero();
    try (Stream<Path> s = Files.list(work.resolve("report/figures"))) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted())
          .containsExactly("dot_gmm_ess.png", "dot_gmm_log_z_error.png", "dot_gmm_train_seconds.png");
    }
    Files.writeString(dirs.get(1).resolve("curves.csv"), "step,elapsed_s,ess\n0,0,0.1\n2,0.5\n");
    assertThat(run("collect", "runs/sweep-s", "--out", "report")).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err()).contains(dirs.get(1).resolve("curves.csv") + " line 3: 2 cells, the header has 3")
        .doesNotContain("Exception");
  }
}
