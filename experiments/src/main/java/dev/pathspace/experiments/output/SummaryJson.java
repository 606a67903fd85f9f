package dev.pathspace.experiments.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.TrainSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds and writes {@code summary.json} (ordered keys; written atomically). */
public final class SummaryJson {
  private SummaryJson() {}

  /**
   * The summary map: sampler, divergence, schedule, target, dim, seed, train_steps, train_seconds,
   * build_seconds, steps_skipped, then {@code metrics} in their order, then the final step's divergence
   * diagnostics prefixed {@code final_}.
   */
  public static Map<String, Object> build(
      RunConfig config, int dim, TrainSummary train, Map<String, Object> metrics) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sampler", config.sampler().type());
    m.put("divergence", config.divergence().type());
    m.put("schedule", config.schedule().type());
    m.put("target", config.target().type());
    m.put("dim", dim);
    m.put("seed", config.seed());
    m.put("train_steps", train.steps());
    m.put("train_seconds", train.seconds());
    m.put("build_seconds", train.buildSeconds());
    m.put("steps_skipped", train.skipped());
    m.putAll(metrics);
    if (train.finalDiagnostics() != null) {
      train.finalDiagnostics().forEach((k, v) -> m.put("final_" + k, v));
    }
    return m;
  }

  /** Pretty JSON text of {@code summary} (non-finite numbers as strings "NaN"/"Infinity"). */
  public static String toJson(Map<String, Object> summary) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise summary", e);
    }
  }

  /** Writes {@code summary} to {@code file} via a temporary file and a move. */
  public static void write(Path file, Map<String, Object> summary) {
    RunDirectory.writeAtomically(file, toJson(summary));
  }
}
