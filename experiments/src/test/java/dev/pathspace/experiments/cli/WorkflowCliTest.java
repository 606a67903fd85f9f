package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run → crash → run --resume, sweep (sharded, idempotent, resumable), collect, rerun, with the fake backend. */
class WorkflowCliTest {
  @TempDir Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FakeBackend backend = new FakeBackend();
  private final Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
  private Map<String, String> env = Map.of();

  private int run(String... args) {
    out.reset();
    err.reset();
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Fakes::registry, backend, work, clock, false)
        .withEnv(env);
    return Main.run(args, ctx);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> steps(Path csv) throws Exception {
    return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")[0]).toList();
  }

  @Test
  void crashedRunResumesFromItsNewestCheckpointAndCompletes() throws Exception {
    backend.failAtStep = 7;
    assertThat(run("run", "--out", "r1", "train.steps=10", "train.checkpointEvery=3", "train.logEvery=1",
        "eval.batch=20")).isEqualTo(1);
    Path dir = work.resolve("r1");
    assertThat(dir.resolve("summary.json")).doesNotExist();
    assertThat(dir.resolve("checkpoints/step-0000006")).isDirectory();
    assertThat(steps(dir.resolve("metrics.csv"))).containsExactly("1", "2", "3", "4", "5", "6");
    // simulate rows written after the newest checkpoint by the killed process
    Files.writeString(dir.resolve("metrics.csv"), Files.readString(dir.resolve("metrics.csv"))
        + "7,0.3,0.005,1.5,0.07,0,-0.14\n8,0.2,0.0", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    try (Stream<Path> s = Files.walk(dir.resolve("checkpoints/step-0000006"))) { // newest lost: resume from 3
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }

    backend.failAtStep = 0;
    assertThat(run("run", "--resume", "r1")).as(err()).isZero();
    assertThat(err()).contains("resumed from checkpoint at step 3/10");
    assertThat(steps(dir.resolve("metrics.csv")))
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.get("resumed_from_step").asInt()).isEqualTo(3);
    assertThat(summary.get("train_steps").asInt()).isEqualTo(10);
    JsonNode prov = new ObjectMapper().readTree(dir.resolve("provenance.json").toFile());
    assertThat(prov.get("resumes")).hasSize(1);
    assertThat(prov.get("resumes").get(0).get("from_step").asInt()).isEqualTo(3);
    assertThat(prov.get("resumes").get(0).get("command").toString()).contains("--resume");
    assertThat(prov.get("finished").asText()).isEqualTo("2025-03-04T05:06:07Z");
    assertThat(dir.resolve("checkpoints/step-0000010")).isDirectory();

    assertThat(run("run", "--resume", "r1")).isZero();
    assertThat(err()).contains("already complete");
    assertThat(run("run", "--resume", "r1", "train.steps=3")).isEqualTo(2);
    assertThat(err()).contains("--resume DIR takes no other options");
    assertThat(run("run", "--resume", "nowhere")).isEqualTo(2);
    assertThat(err()).contains("no config.yaml");
  }

  @Test
  void provenanceRecordsCommandPresetsVersionsAndMachine() throws Exception {
    assertThat(run("run", "--out", "p", "--preset", "smoke", "train.steps=4", "eval.batch=10")).as(err()).isZero();
    JsonNode prov = new ObjectMapper().readTree(work.resolve("p/provenance.json").toFile());
    assertThat(prov.get("command").toString())
        .isEqualTo("[\"run\",\"--out\",\"p\",\"--preset\",\"smoke\",\"train.steps=4\",\"eval.batch=10\"]");
    assertThat(prov.get("presets").get("smoke").asText()).contains("tiny CPU budget");
    assertThat(prov.get("seed").asLong()).isEqualTo(1);
    assertThat(prov.get("jit").asBoolean(true)).isFalse();
    assertThat(run("run", "--out", "pj", "--preset", "smoke", "train.steps=4", "eval.batch=10", "jit=true"))
        .as(err()).isZero(); // the fake backend has no TensorFlow: only the recording is checked here
    assertThat(new ObjectMapper().readTree(work.resolve("pj/provenance.json").toFile()).get("jit").asBoolean())
        .isTrue();
    assertThat(prov.get("config").asText()).isEqualTo("config.yaml");
    assertThat(prov.get("versions").get("jackson-databind").asText()).matches("2\\.\\d+.*");
    assertThat(prov.get("versions").get("guice").asText()).startsWith("7.");
    assertThat(prov.get("versions").get("commons-math3").asText()).isEqualTo("3.6.1");
    assertThat(prov.get("jvm").get("version").asText()).isEqualTo(System.getProperty("java.version"));
    assertThat(prov.get("machine").get("cpus").asInt()).isPositive();
    assertThat(prov.get("started").asText()).isEqualTo("2025-03-04T05:06:07Z");
    assertThat(prov.has("git")).isTrue(); // null outside a git work tree (the temp dir)
    // the preset's values reached the config (smoke sets train.batch 128); the override won over it
    String cfg = Files.readString(work.resolve("p/config.yaml"));
    assertThat(cfg).contains("batch: 128").contains("steps: 4");

    assertThat(run("rerun", "p", "--out", "p2")).as(err()).isZero();
    assertThat(Files.readString(work.resolve("p2/config.yaml"))).isEqualTo(cfg);
    JsonNode prov2 = new ObjectMapper().readTree(work.resolve("p2/provenance.json").toFile());
    assertThat(prov2.get("rerun_of").asText()).endsWith("p");
    assertThat(run("run", "--preset", "nope")).isEqualTo(2);
    assertThat(err()).contains("Unknown preset 'nope'; valid options: [ref-basic-dis, ref-bridge, ref-dds, ref-dis, ref-pis, smoke]");
  }

  private Path sweepFile() throws Exception {
    Path f = work.resolve("ablation.yaml");
    Files.writeString(f, """
        base:
          train: {steps: 6, logEvery: 2, checkpointEvery: 2}
          eval.batch: 20
        grid:
          divergence: [log-variance, moment]
          seed: [1, 2, 3]
        """);
    return f;
  }

  @Test
  void shardsRunDisjointPointsAndResubmissionIsIdempotent() throws Exception {
    sweepFile();
    env = Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "2", "SLURM_ARRAY_TASK_MIN", "0");
    assertThat(run("sweep", "ablation.yaml")).as(err()).isZero();
    assertThat(err()).contains("6 points, shard 1 of 2 (Slurm job array): 3 points");
    Path root = work.resolve("runs/sweep-ablation");
    try (Stream<Path> s = Files.list(root)) {
      assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("divergence=log-variance_seed=2", "divergence=moment_seed=1", "divergence=moment_seed=3");
    }
    JsonNode manifest = new ObjectMapper().readTree(root.resolve("sweep-manifest.json").toFile());
    assertThat(manifest.get("points")).hasSize(6);
    assertThat(manifest.get("points").get(1).get("dir").asText()).isEqualTo("divergence=log-variance_seed=2");

    // Kubernetes shard 0 crashes in its second point after a checkpoint
    env = Map.of("JOB_COMPLETION_INDEX", "0", "PATHSPACE_NUM_SHARDS", "2");
    backend.failAtStep = 5;
    assertThat(run("sweep", "ablation.yaml")).isEqualTo(1);
    assertThat(err()).contains("FAILED").contains("0 run, 0 resumed, 0 skipped, 3 failed");
    backend.failAtStep = 0;
    assertThat(run("sweep", "ablation.yaml")).as(err()).isZero();
    assertThat(err()).contains("[1/6] divergence=log-variance_seed=1: resuming")
        .contains("0 run, 3 resumed, 0 skipped, 0 failed");
    JsonNode s = new ObjectMapper().readTree(root.resolve("divergence=log-variance_seed=1/summary.json").toFile());
    assertThat(s.get("resumed_from_step").asInt()).isEqualTo(4);
    int opened = backend.opened;
    env = Map.of();
    assertThat(run("sweep", "ablation.yaml")).as(err()).isZero();
    assertThat(err()).contains("0 run, 0 resumed, 6 skipped, 0 failed");
    assertThat(backend.opened).isEqualTo(opened);

    // collect over the sweep root: grouped by divergence, three seeds each
    assertThat(run("collect", "runs/sweep-ablation", "--out", "report")).as(err()).isZero();
    assertThat(out()).contains("| divergence | seeds | log_z_error | ess |")
        .contains("| log-variance | 3 | **0.01250 ± 0.003608** | **0.9100 ± 0** |")
        .contains("| moment | 3 | 0.02500 ± 0.007217 | **0.9100 ± 0** |");
    assertThat(work.resolve("report/results.html")).content()
        .contains("<img src=\"../runs/sweep-ablation/divergence=moment_seed=2/samples.png\"");
  }

  @Test
  void everyPointIsValidatedBeforeAnythingRuns() throws Exception {
    Path f = work.resolve("bad.yaml");
    Files.writeString(f, """
        base: [train.steps=3]
        grid:
          divergence: [moment, nope]
          train.batch: [8, -1]
        """);
    assertThat(run("sweep", "bad.yaml")).isEqualTo(2);
    assertThat(err()).contains("3 of 4 sweep points are invalid (nothing was run)")
        .contains("Unknown divergence 'nope'").contains("train.batch");
    assertThat(backend.opened).isZero();
    assertThat(work.resolve("runs")).doesNotExist();
    sweepFile();
    assertThat(run("sweep", "ablation.yaml", "--shard-index", "2", "--num-shards", "2")).isEqualTo(2);
    assertThat(err()).contains("Invalid shard index 2");
    assertThat(run("sweep", "ablation.yaml", "--dry-run", "--shard-index", "0", "--num-shards", "3")).isZero();
    assertThat(err()).contains("[1/6] divergence=log-variance_seed=1: would run")
        .contains("[4/6] divergence=moment_seed=1: would run");
    assertThat(backend.opened).isZero();
  }

  @Test
  void aChangedSweepDoesNotSilentlyReuseDirectoriesOfAnotherConfiguration() throws Exception {
    sweepFile();
    assertThat(run("sweep", "ablation.yaml", "--shard-index", "0", "--num-shards", "6")).as(err()).isZero();
    Files.writeString(work.resolve("ablation.yaml"),
        Files.readString(work.resolve("ablation.yaml")).replace("steps: 6", "steps: 8"));
    assertThat(run("sweep", "ablation.yaml")).isEqualTo(2);
    assertThat(err()).contains("holds a run of a different configuration");
  }
}
