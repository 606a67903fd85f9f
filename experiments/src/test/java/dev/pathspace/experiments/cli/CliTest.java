package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.fakes.Fakes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picocli front end with fake plug-ins and a fake backend (no TF training). */
class CliTest {
  @TempDir Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FakeBackend backend = new FakeBackend();
  private final Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

  private int run(String... args) {
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Fakes::registry, backend, work, clock, false);
    return Main.run(args, ctx);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listPrintsEverySlotKeyAndParamDefaultAligned() {
    assertThat(run("list")).isZero();
    String s = out();
    assertThat(s).contains("sampler  (sampler=<key>)", "divergence  (divergence=<key>)",
        "schedule  (schedule=<key>; auto = the sampler's default schedule)", "target  (target=<key>)");
    assertThat(s).containsPattern("\n  dis +fake denoising diffusion sampler\n");
    for (String preset : java.util.List.of("ref-dis", "ref-pis", "ref-dds", "ref-bridge", "ref-basic-dis")) {
      assertThat(s).containsPattern("\n  " + preset + " +\\S");
    }
    assertThat(s).containsPattern("sampler\\.width +int +  = 64\n");
    assertThat(s).containsPattern("divergence\\.initLogZ +double +  = 0\\.0\n");
    assertThat(s).containsPattern("target\\.weights +List<Double> += \\[\\]\n");
    assertThat(s).contains("reverse-kl");
    // parameter columns are aligned: every "  = " starts at the same column
    List<Integer> cols = s.lines().filter(l -> l.contains("  = ")).map(l -> l.indexOf("  = ")).distinct().toList();
    assertThat(cols).hasSize(1);
  }

  /**
   * With the real plug-ins, each reference preset's line ends with its trainable parameter counts on the
   * reference's targets: 129·d + 37 569 for one reference control (d = 2, 10, 1; PIS also d = 50), twice
   * that for the bridge (issue 10; the counts equal the built variables: ReferencePresetsTest).
   */
  @Test
  void listPrintsTheReferencePresetsParameterCounts() {
    CliContext real = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), PluginRegistry::discover, backend, work, clock, false);
    assertThat(Main.run(new String[] {"list"}, real)).as(err()).isZero();
    String one = "parameters: gmm 37 827, funnel 38 859, double well 37 698";
    for (String preset : List.of("ref-dis", "ref-dds", "ref-basic-dis")) {
      assertThat(line(preset)).endsWith("  " + one);
    }
    assertThat(line("ref-pis")).endsWith("  " + one + ", many-well d=50 44 019");
    assertThat(line("ref-bridge")).endsWith("  parameters: gmm 75 654, funnel 77 718, double well 75 396");
    assertThat(line("smoke")).doesNotContain("parameters:");
  }

  /** The listing line of preset {@code name}. */
  private String line(String name) {
    return out().lines().filter(l -> l.startsWith("  " + name + " ")).findFirst().orElseThrow();
  }

  @Test
  void badKeyExitsWithTwoAndAMessageWithoutStackTrace() {
    assertThat(run("run", "train.stpes=3")).isEqualTo(2);
    assertThat(err()).contains("error: Unknown key 'train.stpes'").contains("train.steps")
        .doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(work.resolve("runs")).doesNotExist(); // nothing written before validation passed
    assertThat(run("bench", "divergence=nope")).isEqualTo(2);
    assertThat(err()).contains("Unknown divergence 'nope'; valid options: [log-variance, moment, reverse-kl]");
    assertThat(run("run", "--config", "missing.yaml")).isEqualTo(2);
    assertThat(err()).contains("missing.yaml");
  }

  @Test
  void usageErrorsAndHelp() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("run", "list", "bench");
    assertThat(run("run", "--help")).isZero();
    assertThat(out()).contains("--out", "--config", "key=value");
  }

  @Test
  void runWritesTheRunDirectory() throws Exception {
    int code = run("run", "train.steps=120", "train.logEvery=50", "eval.batch=3000", "divergence=moment");
    assertThat(code).as(err()).isZero();
    Path dir = work.resolve("runs/20250304-050607-train.steps=120_train.logEvery=50_eval.batch=3000_divergence=moment");
    assertThat(dir).isDirectory();
    // config.yaml reproduces the run's config
    RunConfig written = new RunPlanner(Fakes.registry()).config(dir.resolve("config.yaml"), List.of());
    assertThat(written.train().steps()).isEqualTo(120);
    assertThat(written.divergence().type()).isEqualTo("moment");
    // metrics.csv: header + steps 50, 100 and the last step 120
    List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
    assertThat(csv.get(0)).isEqualTo("step,loss,lr,grad_norm,seconds,skipped,log_z_moment");
    assertThat(csv).extracting(l -> l.split(",")[0]).containsExactly("step", "50", "100", "120");
    // summary.json key order
    JsonNode sum = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    List<String> keys = new ArrayList<>();
    for (var e : sum.properties()) {
      keys.add(e.getKey());
    }
    assertThat(keys).containsExactly("sampler", "divergence", "schedule", "target", "dim", "seed", "train_steps",
        "train_seconds", "build_seconds", "steps_skipped", "log_z_true", "log_z_error", "ess",
        "final_log_z_moment");
    assertThat(sum.get("schedule").asText()).isEqualTo("vp");
    assertThat(sum.get("final_log_z_moment").asDouble()).isEqualTo(-1.0 / 120);
    BufferedImage samples = ImageIO.read(dir.resolve("samples.png").toFile());
    assertThat(samples.getWidth()).isPositive();
    assertThat(dir.resolve("samples.svg")).isRegularFile();
    assertThat(ImageIO.read(dir.resolve("loss.png").toFile())).isNotNull();
    assertThat(out()).contains("dis / moment on gmm").contains("log_z_error").contains("0.0125");
    assertThat(err()).contains("step  50/120").contains("fake graph built");
    assertThat(backend.closed).isEqualTo(backend.opened).isEqualTo(1);
  }

  @Test
  void explicitOutDirIsRefusedOnceFinished() {
    assertThat(run("run", "--out", "exp1", "train.steps=3", "eval.batch=10")).as(err()).isZero();
    assertThat(work.resolve("exp1/summary.json")).isRegularFile();
    assertThat(run("run", "--out", "exp1", "train.steps=3", "eval.batch=10")).isEqualTo(2);
    assertThat(err()).contains("already holds a finished run");
  }

  @Test
  void benchPrintsFiguresWithUnits() {
    assertThat(run("bench", "--warmup", "1", "--steps", "2")).as(err()).isZero();
    assertThat(out()).contains("dis / log-variance on gmm")
        .containsPattern("step \\(median\\) +12\\.5 ms")
        .containsPattern("evaluation +123456 trajectories/s")
        .containsPattern("peak RSS +2048 MiB")
        .containsPattern("build +1\\.25 s");
  }
}
