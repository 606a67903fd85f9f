package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Slurm end-to-end test ({@code examples/slurm/test-sweep.sh} through {@code local-cluster.sh test}):
 * the shipped {@code sweep.sbatch} as a job array on a real single-node Slurm, one task requeued
 * mid-training, a diverging point, and {@code collect.sbatch} chained with {@code --dependency=afterany}.
 * Runs in the {@code integration-test} phase of {@code mvn verify} (after the jar and {@code lib/} are
 * packaged, so the launcher never builds inside a job). With {@code CI=true} it requires a running cluster
 * ({@code .ci/run} starts one); otherwise it is skipped with a message.
 */
class SlurmClusterIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void sweepArrayOnARealSlurmClusterSurvivesARequeueAndReportsTheFailedPoint()
      throws IOException, InterruptedException {
    if (!"true".equals(System.getenv("CI"))) {
      String why = "SlurmClusterIT skipped: it runs with CI=true (.ci/run) against a cluster started by"
          + " 'examples/slurm/local-cluster.sh up' (as root; see docs/workflow.md)";
      System.out.println(why);
      Assumptions.abort(why);
    }
    Path log = Path.of("target", "slurm-it.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(REPO.resolve("examples/slurm/local-cluster.sh").toString(), "test")
        .directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(20, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(out);
    assertThat(done).as("local-cluster.sh test finished within 20 minutes; log: " + log).isTrue();
    assertThat(p.exitValue()).as("local-cluster.sh test exit code; output:%n%s", out).isZero();
    assertThat(out).contains("slurm-test: all checks passed").doesNotContain("  FAIL  ");
  }
}
