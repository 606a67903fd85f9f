package dev.pathspace.experiments.sweep;

import dev.pathspace.api.ConfigException;
import java.util.Map;

/**
 * Which slice of a sweep this process runs: points with {@code index mod count == index}. Resolved from
 * {@code --shard-index/--num-shards}, else from a Slurm job array ({@code (SLURM_ARRAY_TASK_ID -
 * SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP}, count {@code SLURM_ARRAY_TASK_COUNT}; e.g.
 * {@code --array=1-7:2} gives tasks 1, 3, 5, 7 = shards 0..3 of 4), else from a Kubernetes Indexed Job
 * ({@code JOB_COMPLETION_INDEX}, count from {@code --num-shards} or {@code PATHSPACE_NUM_SHARDS}), else
 * the whole sweep (0 of 1).
 *
 * @param index this shard, in {@code [0, count)}
 * @param count number of shards
 * @param source where the values came from (printed)
 */
public record Sharding(int index, int count, String source) {
  /** Validates the range. */
  public Sharding {
    if (count < 1) {
      throw new ConfigException("Invalid number of shards " + count + " (from " + source + "): must be >= 1");
    }
    if (index < 0 || index >= count) {
      throw new ConfigException(
          "Invalid shard index " + index + " (from " + source + "): must be in [0, " + (count - 1) + "]");
    }
  }

  /** Resolves the shard; flags win over the environment. */
  public static Sharding resolve(Integer flagIndex, Integer flagCount, Map<String, String> env) {
    if (flagIndex != null) {
      if (flagCount == null) {
        throw new ConfigException("--shard-index needs --num-shards");
      }
      return new Sharding(flagIndex, flagCount, "--shard-index/--num-shards");
    }
    String slurmId = env.get("SLURM_ARRAY_TASK_ID");
    if (slurmId != null) {
      int min = env.containsKey("SLURM_ARRAY_TASK_MIN") ? integer(env, "SLURM_ARRAY_TASK_MIN") : 0;
      int step = env.containsKey("SLURM_ARRAY_TASK_STEP") ? integer(env, "SLURM_ARRAY_TASK_STEP") : 1;
      int offset = integer(env, "SLURM_ARRAY_TASK_ID") - min;
      if (step < 1 || offset % step != 0) {
        throw new ConfigException("Slurm array task " + env.get("SLURM_ARRAY_TASK_ID") + " (SLURM_ARRAY_TASK_MIN "
            + min + ", SLURM_ARRAY_TASK_STEP " + step + ") is not on the array's step: submit a range with a"
            + " constant step (--array=0-3 or 1-7:2) or pass --shard-index/--num-shards");
      }
      Integer count = flagCount;
      if (count == null) {
        if (!env.containsKey("SLURM_ARRAY_TASK_COUNT")) {
          throw new ConfigException("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; pass --num-shards");
        }
        count = integer(env, "SLURM_ARRAY_TASK_COUNT");
      }
      return new Sharding(offset / step, count, "Slurm job array");
    }
    if (env.containsKey("JOB_COMPLETION_INDEX")) {
      Integer count = flagCount;
      if (count == null) {
        if (!env.containsKey("PATHSPACE_NUM_SHARDS")) {
          throw new ConfigException(
              "JOB_COMPLETION_INDEX is set (Kubernetes Indexed Job): pass --num-shards or set PATHSPACE_NUM_SHARDS"
                  + " to the Job's completions");
        }
        count = integer(env, "PATHSPACE_NUM_SHARDS");
      }
      return new Sharding(integer(env, "JOB_COMPLETION_INDEX"), count, "Kubernetes Indexed Job");
    }
    if (flagCount != null) {
      throw new ConfigException(
          "--num-shards needs --shard-index (or SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX in the environment)");
    }
    return new Sharding(0, 1, "no sharding");
  }

  private static int integer(Map<String, String> env, String key) {
    try {
      return Integer.parseInt(env.get(key).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("Invalid value '" + env.get(key) + "' of environment variable " + key
          + ": expected an integer");
    }
  }
}
