package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.ConfigYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduler-variable mapping of {@link Sharding}: Slurm arrays with a start and a step, and the
 * shipped Kubernetes Indexed Job ({@code examples/k8s/sweep-job.yaml}), whose pods differ only in
 * {@code JOB_COMPLETION_INDEX}. No Debian- or Maven-packaged Kubernetes schema validator exists, so the
 * manifest is checked here for the fields the mapping relies on, not against the full API schema.
 */
class ShardingTest {
  private static final Path K8S_JOB = Path.of("../examples/k8s/sweep-job.yaml");

  @Test
  void slurmArrayWithStartAndStepMapsToConsecutiveShards() {
    // sbatch --array=1-7:2 -> tasks 1, 3, 5, 7; SLURM_ARRAY_TASK_COUNT=4
    List<Integer> shards = new ArrayList<>();
    for (int id = 1; id <= 7; id += 2) {
      shards.add(Sharding.resolve(null, null, Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(id),
          "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "4")).index());
    }
    assertThat(shards).containsExactly(0, 1, 2, 3);
    assertThatThrownBy(() -> Sharding.resolve(null, null, Map.of("SLURM_ARRAY_TASK_ID", "4",
        "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "4")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("SLURM_ARRAY_TASK_STEP 2")
        .hasMessageContaining("--shard-index");
    // a task id beyond the count (e.g. a comma list --array=0,5) is out of range, with the source named
    assertThatThrownBy(() -> Sharding.resolve(null, null,
        Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "2")))
        .hasMessageContaining("Invalid shard index 5 (from Slurm job array): must be in [0, 1]");
  }

  @Test
  void kubernetesManifestIsAnIndexedJobWhoseShardCountEqualsCompletions() throws Exception {
    JsonNode job = ConfigYaml.mapper().readTree(Files.readString(K8S_JOB));
    assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    JsonNode spec = job.path("spec");
    assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
    int completions = spec.path("completions").asInt(-1);
    assertThat(completions).isPositive();
    assertThat(spec.path("parallelism").asInt(-1)).isBetween(1, completions);
    assertThat(spec.path("template").path("spec").path("restartPolicy").asText()).isEqualTo("Never");
    JsonNode container = spec.path("template").path("spec").path("containers").path(0);
    Map<String, String> env = new HashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    assertThat(env).containsEntry("PATHSPACE_NUM_SHARDS", Integer.toString(completions));
    List<String> command = new ArrayList<>();
    container.path("command").forEach(c -> command.add(c.asText()));
    assertThat(command).contains("dev.pathspace.experiments.cli.Main", "sweep", "--out")
        .doesNotContain("--shard-index", "--num-shards");
    String sweepFile = command.get(command.indexOf("sweep") + 1);
    assertThat(Path.of("..").resolve(sweepFile)).as("the sweep file the pods run").isRegularFile();

    // each pod: the manifest's env + JOB_COMPLETION_INDEX in [0, completions); together they run every
    // point of the shipped sweep exactly once
    List<SweepPoint> points = SweepPlan.expand(SweepSpec.read(Path.of("..").resolve(sweepFile)));
    int[] runs = new int[points.size()];
    for (int index = 0; index < completions; index++) {
      Map<String, String> podEnv = new HashMap<>(env);
      podEnv.put("JOB_COMPLETION_INDEX", Integer.toString(index));
      Sharding shard = Sharding.resolve(null, null, podEnv);
      assertThat(shard).isEqualTo(new Sharding(index, completions, "Kubernetes Indexed Job"));
      points.stream().filter(p -> p.belongsTo(shard)).forEach(p -> runs[p.index()]++);
    }
    assertThat(runs).containsOnly(1);
    Map<String, String> beyond = new HashMap<>(env);
    beyond.put("JOB_COMPLETION_INDEX", Integer.toString(completions));
    assertThatThrownBy(() -> Sharding.resolve(null, null, beyond))
        .hasMessageContaining("Invalid shard index " + completions + " (from Kubernetes Indexed Job)");
  }
}
