package dev.pathspace.experiments.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.Map;

/** Writes a {@link RunSummary} as {@code summary.json} (ordered keys; written atomically). */
public final class SummaryJson {
  private SummaryJson() {}

  /** Pretty JSON text of {@code summary} (non-finite numbers as strings "NaN"/"Infinity"). */
  public static String toJson(RunSummary summary) {
    return toJson(summary.toJsonMap());
  }

  /** Pretty JSON text of a summary map (non-finite numbers as strings "NaN"/"Infinity"). */
  public static String toJson(Map<String, Object> summary) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise summary", e);
    }
  }

  /** Writes {@code summary} to {@code file} via a temporary file and a move. */
  public static void write(Path file, RunSummary summary) {
    write(file, summary.toJsonMap());
  }

  /** Writes a summary map to {@code file} via a temporary file and a move. */
  public static void write(Path file, Map<String, Object> summary) {
    RunDirectory.writeAtomically(file, toJson(summary));
  }
}
