package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.fakes.Fakes;
import dev.pathspace.experiments.storage.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/**
 * Faults and misuse through the CLI with the fake backend: a full disk at each kind of file, interrupted
 * runs, directories of another identity, corrupted checkpoints, runs that did not train or whose evaluation
 * is non-finite, stale exports. Each case asserts the message, the exit code and what is on disk
 * (docs/reliability.md).
 */
class FaultInjectionTest {
  private static final String[] TINY = {"train.steps=10", "train.checkpointEvery=3", "train.logEvery=1",
      "eval.batch=20"};
  @TempDir Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FakeBackend backend = new FakeBackend();
  private final Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
  private AtomicFiles files = AtomicFiles.SYSTEM;

  private int run(String... args) {
    out.reset();
    err.reset();
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Fakes::registry, backend, work, clock, false)
        .withFiles(files);
    return Main.run(args, ctx);
  }

  private static String[] args(String first, String second, String third, String... rest) {
    String[] a = new String[3 + rest.length];
    a[0] = first;
    a[1] = second;
    a[2] = third;
    System.arraycopy(rest, 0, a, 3, rest.length);
    return a;
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** A disk that is full for every file whose name matches {@code name}. */
  private static AtomicFiles fullFor(String name) {
    return new AtomicFiles((tmp, target) -> {
      if (target.toString().contains(name)) {
        throw new java.nio.file.FileSystemException(target.toString(), null, "No space left on device");
      }
    });
  }

  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-") || n.contains(".old-")).toList();
    }
  }

  private JsonNode status(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("run.json").toFile());
  }

  @Test
  void fullDiskAtTheSummaryEndsWithOneLineNamingThePathAndWhatIsKept() throws Exception {
    files = fullFor("summary.json");
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(6);
    Path dir = work.resolve("r");
    assertThat(err()).contains("error: cannot write " + dir.resolve("summary.json") + ": No space left on device; kept: "
        + "config.yaml, metrics.csv, checkpoints up to step-0000010").doesNotContain("\tat ");
    assertThat(err().lines().filter(l -> l.startsWith("error:")).count()).isEqualTo(1);
    assertThat(dir.resolve("summary.json")).doesNotExist();
    assertThat(leftovers(dir)).isEmpty();
    assertThat(status(dir).get("state").asText()).isEqualTo("trained");
    // space freed: resume finishes from the final checkpoint without training again
    files = AtomicFiles.SYSTEM;
    assertThat(run("run", "--resume", "r")).as(err()).isZero();
    assertThat(err()).contains("resumed from checkpoint at step 10/10");
    assertThat(status(dir).get("state").asText()).isEqualTo("complete");
  }

  @Test
  void fullDiskWhilePlottingKeepsTheEvaluationAndLeavesNoHalfFile() throws Exception {
    files = fullFor("samples.svg");
    assertThat(run(args("run", "--out", "r", TINY))).as(err()).isZero();
    Path dir = work.resolve("r");
    assertThat(dir.resolve("summary.json")).isRegularFile();
    assertThat(dir.resolve("samples.png")).doesNotExist(); // png and svg are committed together
    assertThat(dir.resolve("samples.svg")).doesNotExist();
    assertThat(dir.resolve("loss.png")).isRegularFile();
    assertThat(err()).contains("warning: could not write samples.png: cannot write " + dir.resolve("samples.svg")
        + ": No space left on device (summary.json is kept)");
    assertThat(leftovers(dir)).isEmpty();
    assertThat(status(dir).at("/artifacts/summary.json/step").asInt()).isEqualTo(10);
    assertThat(status(dir).at("/artifacts").has("samples.png")).isFalse();
  }

  @Test
  void fullDiskWhileCheckpointingLeavesNoTemporaryDirectoryAndTheOlderCheckpoint() throws Exception {
    files = fullFor("step-0000006");
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(6);
    Path dir = work.resolve("r");
    assertThat(err()).contains("error: cannot write " + dir.resolve("checkpoints/step-0000006")
        + ": No space left on device; kept: config.yaml, metrics.csv, checkpoints up to step-0000003");
    assertThat(leftovers(dir)).isEmpty();
    try (Stream<Path> s = Files.list(dir.resolve("checkpoints"))) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("step-0000003");
    }
  }

  @Test
  void aSignalCheckpointsTheCurrentStepAndNamesResume() throws Exception {
    backend.stopAtStep = 5;
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(130);
    Path dir = work.resolve("r");
    assertThat(err()).contains("interrupted at step 5/10: checkpoint written; continue with: pathspace run --resume "
        + dir);
    assertThat(dir.resolve("checkpoints/step-0000005")).isDirectory();
    assertThat(status(dir).get("state").asText()).isEqualTo("interrupted");
    // the same --out again, without --resume, is refused and names --resume
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(2);
    assertThat(err()).contains("holds an unfinished run of this configuration (state interrupted, step 5)")
        .contains("pathspace run --resume " + dir).contains("fresh --out");
    // another configuration into the same directory is refused, nothing is touched
    assertThat(run(args("run", "--out", "r", "train.steps=12", "eval.batch=20"))).isEqualTo(2);
    assertThat(err()).contains("holds a run of another configuration").contains("choose a fresh --out");
    assertThat(dir.resolve("checkpoints/step-0000005")).isDirectory();
    backend.stopAtStep = 0;
    assertThat(run("run", "--resume", "r")).as(err()).isZero();
    assertThat(err()).contains("resumed from checkpoint at step 5/10");
    assertThat(status(dir).get("state").asText()).isEqualTo("complete");
  }

  /**
   * run.json records the training log like the other artifacts: metrics.csv with the step it reaches and
   * the run's fingerprint, at an interruption (step 5) and at the end (step 10); curves.csv only when it was
   * written (the fake backend evaluates no curve point; the real one: LearningCurveResumeTest), and every
   * recorded artifact exists.
   */
  @Test
  void runJsonRecordsMetricsCsvWithTheStepItReaches() throws Exception {
    backend.stopAtStep = 5;
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(130);
    Path dir = work.resolve("r");
    JsonNode st = status(dir);
    assertThat(st.at("/artifacts/metrics.csv/step").asInt()).isEqualTo(5);
    assertThat(st.at("/artifacts/metrics.csv/fingerprint").asText()).isEqualTo(st.get("fingerprint").asText());
    backend.stopAtStep = 0;
    assertThat(run("run", "--resume", "r")).as(err()).isZero();
    st = status(dir);
    assertThat(st.get("state").asText()).isEqualTo("complete");
    assertThat(st.at("/artifacts/metrics.csv/step").asInt()).isEqualTo(10);
    assertThat(st.at("/artifacts/metrics.csv/fingerprint").asText()).isEqualTo(st.get("fingerprint").asText());
    assertThat(Files.readAllLines(dir.resolve("metrics.csv")).get(10)).startsWith("10,");
    assertThat(st.at("/artifacts").has("curves.csv")).isFalse();
    assertThat(dir.resolve("curves.csv")).doesNotExist();
    st.get("artifacts").fieldNames().forEachRemaining(a -> assertThat(dir.resolve(a)).as(a).exists());
  }

  @Test
  void aNonEmptyFolderThatIsNotARunIsRefused() throws Exception {
    Files.createDirectories(work.resolve("mine"));
    Files.writeString(work.resolve("mine/metrics.csv"), "my own data\n");
    assertThat(run(args("run", "--out", "mine", TINY))).isEqualTo(2);
    assertThat(err()).contains("is not empty and is not a pathspace run directory (it holds metrics.csv)")
        .contains("fresh --out");
    assertThat(Files.readString(work.resolve("mine/metrics.csv"))).isEqualTo("my own data\n");
  }

  @Test
  void corruptedNewestCheckpointsFallBackToTheNewestIntactOne() throws Exception {
    backend.failAtStep = 10;
    assertThat(run(args("run", "--out", "r", "train.steps=12", "train.checkpointEvery=3", "train.logEvery=1",
        "eval.batch=20"))).isEqualTo(1);
    Path cps = work.resolve("r/checkpoints");
    assertThat(cps.resolve("step-0000009")).isDirectory();
    assertThat(cps.resolve("step-0000006")).isDirectory();
    Path data = cps.resolve("step-0000009/variables.data-00000-of-00001");
    byte[] b = Files.readAllBytes(data);
    b[0] ^= 0x20; // one flipped bit
    Files.write(data, b);
    backend.failAtStep = 0;
    assertThat(run("run", "--resume", "r")).as(err()).isZero();
    assertThat(err()).contains("warning: skipped checkpoint step-0000009: checksum mismatch in "
        + "variables.data-00000-of-00001").contains("resumed from checkpoint at step 6/12");
  }

  @Test
  void everyKindOfCheckpointDamageIsDetected() throws Exception {
    for (String damage : List.of("truncate", "index", "properties")) {
      Path cp = work.resolve("cp-" + damage);
      FakeBackend.writeCheckpoint(cp, 3);
      FakeBackend.writeCheckpoint(cp, 6);
      Path six = cp.resolve("step-0000006");
      switch (damage) {
        case "truncate" -> Files.write(six.resolve("variables.data-00000-of-00001"), new byte[2]);
        case "index" -> Files.delete(six.resolve("variables.index"));
        default -> Files.writeString(six.resolve("state.properties"), "step=oops\n");
      }
      var checkpoints = new dev.pathspace.experiments.engine.Checkpoints(cp);
      assertThat(checkpoints.latest()).as(damage).contains(cp.resolve("step-0000003"));
      assertThat(checkpoints.skipped()).as(damage).singleElement().asString().startsWith("step-0000006: ")
          .contains(switch (damage) {
            case "truncate" -> "checksum mismatch in variables.data-00000-of-00001";
            case "index" -> "missing variables.index";
            default -> "checksum mismatch in state.properties";
          });
    }
  }

  @Test
  void aRunThatDidNotTrainOrEvaluatesNonFiniteIsNotComplete() throws Exception {
    backend.skippedSteps = 8;
    assertThat(run(args("run", "--out", "skipped", TINY))).isEqualTo(5);
    assertThat(err()).contains("error: did not train: 8 of 10 steps skipped as non-finite or above train.maxLoss "
        + "(80% > "
        + "--max-skipped-fraction 0.50)");
    assertThat(status(work.resolve("skipped")).get("state").asText()).isEqualTo("failed");
    assertThat(work.resolve("skipped/summary.json")).isRegularFile(); // kept for inspection
    backend.skippedSteps = 0;
    backend.evalLogRnd = new double[20];
    java.util.Arrays.fill(backend.evalLogRnd, Double.NaN);
    assertThat(run(args("run", "--out", "nan", TINY))).isEqualTo(4);
    assertThat(err()).contains("error: the run trained but its evaluation non-finite: ess=NaN, "
        + "0/20 finite evaluation trajectories");
    assertThat(status(work.resolve("nan")).get("state").asText()).isEqualTo("failed");
  }

  @Test
  void exportOfAnUnfinishedRunWarnsAndSampleRefusesAStaleExport() throws Exception {
    backend.stopAtStep = 6;
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(130);
    assertThat(run("export", "r", "--out", "model")).as(err()).isZero();
    assertThat(err()).contains("warning: the run is unfinished (state interrupted): exporting its checkpoint at "
        + "step 6/10");
    assertThat(work.resolve("model/" + ExportStamp.FILE)).isRegularFile();
    assertThat(run("export", "r")).isZero();
    assertThat(work.resolve("r/saved_model/saved_model.pb")).isRegularFile();
    backend.stopAtStep = 0;
    assertThat(run("run", "--resume", "r")).as(err()).isZero();
    assertThat(err()).contains("removed artifacts of the earlier state: saved_model");
    assertThat(work.resolve("r/saved_model")).doesNotExist();
    assertThat(run("sample", "model", "--n", "5", "--out", "s.csv")).isEqualTo(2);
    assertThat(err()).contains("is stale: it was made from step 6, the run is now at step 10")
        .contains("run 'pathspace export");
    assertThat(work.resolve("s.csv")).doesNotExist();
  }

  @Test
  void collectCountsDistinctSeedsAndListsDuplicatesAndUnreadableRuns() throws Exception {
    for (String seed : List.of("1", "2", "3")) {
      assertThat(run("run", "--out", "runs/s" + seed, "seed=" + seed, "train.steps=4", "eval.batch=20"))
          .as(err()).isZero();
    }
    assertThat(run("rerun", "runs/s1", "--out", "runs/s1-again")).as(err()).isZero();
    backend.skippedSteps = 4;
    assertThat(run("run", "--out", "runs/s4-failed", "seed=4", "train.steps=4", "eval.batch=20")).isEqualTo(5);
    backend.skippedSteps = 0;
    Files.createDirectories(work.resolve("runs/broken"));
    Files.writeString(work.resolve("runs/broken/summary.json"), "{\"sampler\": \"dis\", \"log_z_er");
    assertThat(run("collect", "runs", "--out", "report")).as(err()).isZero();
    assertThat(err()).contains("not counted: " + work.resolve("runs/broken") + ": unreadable summary.json")
        .contains("not counted: " + work.resolve("runs/s1-again") + ": duplicate of " + work.resolve("runs/s1")
            + " (same configuration and seed, fingerprint ")
        .contains("not counted: " + work.resolve("runs/s4-failed") + ": not complete (state failed: did not train")
        .contains("3 runs in 1 configurations (3 not counted)");
    String md = Files.readString(work.resolve("report/results.md"));
    assertThat(md).contains("| 3 |").contains("Not counted (3):");
    assertThat(Files.readString(work.resolve("report/results.csv"))).contains(",1 2 3,");
  }

  @Test
  void aCrashWhileEvaluatingResumesWithTheSameTrainingSecondsAndFinalDiagnostics() throws Exception {
    assertThat(run(args("run", "--out", "whole", TINY))).isZero();
    JsonNode whole = new ObjectMapper().readTree(work.resolve("whole/summary.json").toFile());
    backend.failInEvaluate = true;
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(1);
    assertThat(err()).contains("error: java.lang.IllegalStateException: simulated crash while evaluating")
        .doesNotContain("\tat ");
    assertThat(status(work.resolve("r")).get("state").asText()).isEqualTo("trained");
    backend.failInEvaluate = false;
    assertThat(run("run", "--resume", "r")).as(err()).isZero();
    assertThat(err()).contains("resumed from checkpoint at step 10/10");
    JsonNode resumed = new ObjectMapper().readTree(work.resolve("r/summary.json").toFile());
    assertThat(resumed.get("train_seconds").asDouble()).isEqualTo(whole.get("train_seconds").asDouble());
    assertThat(resumed.get("final_log_z_moment").asDouble()).isEqualTo(whole.get("final_log_z_moment").asDouble());
  }

  @Test
  void aHandEditedConfigIsRefusedOnResume() throws Exception {
    backend.stopAtStep = 4;
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(130);
    Path cfg = work.resolve("r/config.yaml");
    Files.writeString(cfg, Files.readString(cfg).replace("steps: 10", "steps: 11"));
    assertThat(run("run", "--resume", "r")).isEqualTo(2);
    assertThat(err()).contains("Cannot resume '" + work.resolve("r") + "': its configuration (fingerprint ")
        .contains("is not the one the run started with").contains("was config.yaml edited?")
        .doesNotContain("\tat ");
    assertThat(work.resolve("r/checkpoints/step-0000004")).isDirectory();
  }

  @Test
  void aReadOnlyOutIsAClearError() throws Exception {
    Path ro = work.resolve("ro");
    Files.createDirectories(ro);
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro.toString()).start()
            .waitFor() == 0, "cannot mount a read-only tmpfs here (not root?)");
    try {
      assertThat(run(args("run", "--out", "ro/run", TINY))).isEqualTo(2);
      assertThat(err()).contains("Cannot create run directory '" + ro.resolve("run") + "': ")
          .contains("choose a writable --out").doesNotContain("\tat ");
    } finally {
      new ProcessBuilder("umount", ro.toString()).start().waitFor();
    }
  }

  @Test
  void aDirectoryInUseByAnotherProcessIsRefused() throws Exception {
    backend.stopAtStep = 4;
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(130);
    backend.stopAtStep = 0;
    try (var held = dev.pathspace.experiments.output.RunDirectory.existing(work.resolve("r")).tryLock().orElseThrow()) {
      assertThat(run("run", "--resume", "r")).isEqualTo(2);
      assertThat(err()).contains("is in use by another process (.lock held)");
    }
    assertThat(run("run", "--resume", "r")).as(err()).isZero();
  }

  @Test
  void everyCheckpointCorruptRestartsFromStepZeroWithoutOldArtifacts() throws Exception {
    backend.stopAtStep = 4;
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(130);
    Path cps = work.resolve("r/checkpoints");
    try (Stream<Path> s = Files.list(cps)) {
      for (Path c : s.toList()) {
        Files.delete(c.resolve("variables.index"));
      }
    }
    backend.stopAtStep = 0;
    assertThat(run("run", "--resume", "r")).as(err()).isZero();
    assertThat(err()).contains("warning: skipped checkpoint step-0000004: missing variables.index")
        .contains("warning: skipped checkpoint step-0000003: missing variables.index")
        .contains("no intact checkpoint: training from step 0")
        .contains("removed artifacts of the earlier state: metrics.csv");
    assertThat(Files.readAllLines(work.resolve("r/metrics.csv")).stream().skip(1).map(l -> l.split(",")[0]).toList())
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
  }

  @Test
  void divergedTrainingFailsWithItsMessageAndIsNotRetriedBySweeps() throws Exception {
    backend.divergeAtStep = 5;
    assertThat(run(args("run", "--out", "r", TINY))).isEqualTo(1);
    assertThat(err()).contains("error: training diverged: 3 consecutive non-finite steps (last at step 5)")
        .doesNotContain("\tat ");
    assertThat(status(work.resolve("r")).get("state").asText()).isEqualTo("failed");
    assertThat(status(work.resolve("r")).get("reason").asText()).startsWith("training diverged");
  }

  @Test
  void aSkippedFractionOutsideZeroToOneIsRefused() {
    assertThat(run(args("run", "--max-skipped-fraction", "2", TINY))).isEqualTo(2);
    assertThat(err()).contains("Invalid --max-skipped-fraction 2.0: must be in [0, 1]");
    assertThat(work.resolve("runs")).doesNotExist();
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsSequence(ExitCodes.HELP);
  }
}
