package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.fakes.Fakes;
import dev.pathspace.experiments.sweep.SweepFailures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing sweep point fails its shard (exit 1, what a Slurm array task reports as FAILED) and is listed
 * by {@code collect} with its reason; points of shards that never ran are listed as not started.
 */
class SweepFailuresCliTest {
  @TempDir Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FakeBackend backend = new FakeBackend();
  private final Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Fakes::registry, backend, work, clock, false)
        .withEnv(env);
    return Main.run(args, ctx);
  }

  private static Map<String, String> slurmTask(int id) {
    return Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(id), "SLURM_ARRAY_TASK_MIN", "0",
        "SLURM_ARRAY_TASK_COUNT", "3");
  }

  @Test
  void failedPointsFailTheirShardAndAreListedByCollect() throws Exception {
    Files.writeString(work.resolve("s.yaml"), """
        base: [target=gmm, train.steps=6, train.checkpointEvery=2, train.logEvery=1, eval.batch=20]
        grid:
          seed: [1, 2, 3, 4, 5, 6]
        """);
    // shard 0 (points 0, 3) crashes at step 5 of each point; shard 1 (points 1, 4) completes; shard 2 never runs
    backend.failAtStep = 5;
    assertThat(run(slurmTask(0), "sweep", "s.yaml")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("0 run, 0 resumed, 0 skipped, 2 failed");
    Path root = work.resolve("runs/sweep-s");
    assertThat(root.resolve("seed=1/" + SweepFailures.FILE)).content().contains("simulated crash at step 5");
    assertThat(run(Map.of(), "collect", "runs/sweep-s")).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("No finished runs (summary.json) under")
        .contains("point 0 seed=1: failed: simulated crash at step 5").contains("point 1 seed=2: not started");
    backend.failAtStep = 0;
    assertThat(run(slurmTask(1), "sweep", "s.yaml")).isZero();

    assertThat(run(Map.of(), "collect", "runs/sweep-s")).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String expected = """
        ## Failed or incomplete points

        4 of 6 sweep points have no finished run (not in the table above):

        | point | run directory | state |
        |---:|---|---|
        | 0 | seed=1 | failed: simulated crash at step 5 |
        | 2 | seed=3 | not started |
        | 3 | seed=4 | failed: simulated crash at step 5 |
        | 5 | seed=6 | not started |
        """;
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("| seeds |").contains(expected);
    assertThat(root.resolve("results.md")).content().contains("| 2 |").endsWith(expected);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("warning: 4 of 6 points of the sweep in " + root + " have no finished run");

    // re-submitting shard 0 resumes both points from their step-4 checkpoints; a killed attempt (no note)
    // shows as interrupted
    assertThat(run(slurmTask(0), "sweep", "s.yaml")).isZero();
    assertThat(root.resolve("seed=1/" + SweepFailures.FILE)).doesNotExist();
    Files.createDirectories(root.resolve("seed=3/checkpoints"));
    assertThat(SweepFailures.find(root)).containsExactly(
        new SweepFailures.Incomplete(2, "seed=3", "interrupted (no summary.json)"),
        new SweepFailures.Incomplete(5, "seed=6", "not started"));
    assertThat(run(slurmTask(2), "sweep", "s.yaml")).isZero();
    assertThat(run(Map.of(), "collect", "runs/sweep-s")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Failed or incomplete");
    assertThat(root.resolve("results.md")).content().doesNotContain("Failed or incomplete").contains("| 6 |");
  }
}
