package dev.pathspace.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.config.ConfigYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finished run as {@code collect} sees it: its directory, its resolved configuration flattened to
 * {@code key → value text} ({@code sampler}, {@code sampler.width}, …, {@code train.steps}, {@code seed}),
 * and the numeric entries of {@code summary.json}.
 *
 * @param dir the run directory
 * @param config flattened configuration (from {@code config.yaml}; from the summary's names when absent)
 * @param metrics numeric summary entries in file order (non-finite values as NaN/±Infinity)
 */
public record RunRecord(Path dir, Map<String, String> config, Map<String, Double> metrics) {
  /** Summary entries that describe the run rather than measure it. */
  static final List<String> NOT_METRICS = List.of("dim", "seed", "train_steps", "resumed_from_step");

  /** Reads {@code dir/summary.json} and {@code dir/config.yaml}. */
  public static RunRecord read(Path dir) {
    try {
      JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (var e : summary.properties()) {
        JsonNode v = e.getValue();
        if (NOT_METRICS.contains(e.getKey())) {
          continue;
        }
        if (v.isNumber()) {
          metrics.put(e.getKey(), v.asDouble());
        } else if (v.isTextual() && v.asText().matches("NaN|-?Infinity")) {
          metrics.put(e.getKey(), Double.parseDouble(v.asText()));
        }
      }
      Map<String, String> config = new LinkedHashMap<>();
      Path cfg = dir.resolve("config.yaml");
      if (Files.isRegularFile(cfg)) {
        flatten("", ConfigYaml.mapper().readTree(Files.readString(cfg)), config);
      } else {
        for (String k : List.of("sampler", "divergence", "schedule", "target", "seed")) {
          if (summary.has(k)) {
            config.put(k, summary.get(k).asText());
          }
        }
      }
      return new RunRecord(dir, config, metrics);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read run " + dir, e);
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node == null) {
      return;
    }
    for (var e : node.properties()) {
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flatten(key + ".", v, out);
      } else if (key.endsWith(".type") && prefix.indexOf('.') == prefix.length() - 1) {
        out.put(key.substring(0, key.length() - 5), SweepSpec.text(v)); // sampler.type -> sampler
      } else {
        out.put(key, SweepSpec.text(v));
      }
    }
  }

  /** The seed (config {@code seed}), or empty text. */
  public String seed() {
    return config.getOrDefault("seed", "");
  }
}
