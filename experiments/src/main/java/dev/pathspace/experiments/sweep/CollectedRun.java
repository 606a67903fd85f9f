package dev.pathspace.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.config.ConfigYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finished run as {@code collect} sees it: its directory, its resolved configuration flattened to
 * {@code key → value text} ({@code sampler}, {@code sampler.width}, …, {@code train.steps}, {@code seed}),
 * the numeric entries of {@code summary.json}, and its identity (the fingerprint of its
 * {@code config.yaml}, seed included: two runs with the same fingerprint are the same experiment twice).
 *
 * @param dir the run directory
 * @param config flattened configuration (from {@code config.yaml}; from the summary's names when absent)
 * @param metrics numeric summary entries in file order (non-finite values as NaN/±Infinity)
 * @param fingerprint the configuration fingerprint ({@code ConfigYaml.fingerprint}), or the flattened
 *     configuration's text when there is no {@code config.yaml}
 */
public record CollectedRun(Path dir, Map<String, String> config, Map<String, Double> metrics, String fingerprint) {
  /** A run whose fingerprint is derived from its flattened configuration. */
  public CollectedRun(Path dir, Map<String, String> config, Map<String, Double> metrics) {
    this(dir, config, metrics, config.toString());
  }

  /** A run directory that {@code collect} could not read or must not count. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /** Summary entries that describe the run rather than measure it. */
  static final List<String> NOT_METRICS = List.of("dim", "seed", "train_steps", "resumed_from_step");

  /**
   * Reads {@code dir/summary.json} and {@code dir/config.yaml}.
   *
   * @throws Unreadable if either cannot be parsed, or {@code run.json} says the run is not complete
   */
  public static CollectedRun read(Path dir) throws Unreadable {
    var status = readStatus(dir);
    if (status != null && !"complete".equals(status.path("state").asText())) {
      String reason = status.path("reason").isTextual() ? ": " + status.get("reason").asText() : "";
      throw new Unreadable("not complete (state " + status.path("state").asText() + reason + ")");
    }
    JsonNode summary;
    try {
      summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
      if (summary == null || !summary.isObject()) {
        throw new Unreadable("summary.json is not a JSON object");
      }
    } catch (IOException e) {
      throw new Unreadable("unreadable summary.json (" + firstLine(e.getMessage()) + ")");
    }
    try {
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
      String fingerprint = null;
      if (Files.isRegularFile(cfg)) {
        String text = Files.readString(cfg);
        flatten("", ConfigYaml.mapper().readTree(text), config);
        fingerprint = ConfigYaml.fingerprintOf(text);
      } else {
        for (String k : List.of("sampler", "divergence", "schedule", "target", "seed")) {
          if (summary.has(k)) {
            config.put(k, summary.get(k).asText());
          }
        }
      }
      return fingerprint == null ? new CollectedRun(dir, config, metrics)
          : new CollectedRun(dir, config, metrics, fingerprint);
    } catch (IOException e) {
      throw new Unreadable("unreadable config.yaml (" + firstLine(e.getMessage()) + ")");
    }
  }

  private static JsonNode readStatus(Path dir) throws Unreadable {
    Path f = dir.resolve("run.json");
    if (!Files.isRegularFile(f)) {
      return null; // a run of an older pathspace: summary.json alone means complete
    }
    try {
      return new ObjectMapper().readTree(f.toFile());
    } catch (IOException e) {
      throw new Unreadable("unreadable run.json (" + firstLine(e.getMessage()) + ")");
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "I/O error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
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
