package dev.pathspace.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pathspace.experiments.engine.BenchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standard benchmark set of {@code pathspace bench --suite} (float32, DIS, 2 hidden layers), the JSON
 * form of bench figures, the Markdown table and the regression comparison ({@code --compare}).
 */
final class BenchSuite {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchSuite() {}

  /** The rows: label → overrides. */
  static Map<String, List<String>> rows() {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    String[][] shapes = {
      {"funnel", "10", "256", "100", "64"},
      {"funnel", "10", "1024", "100", "128"},
      {"funnel", "10", "2048", "100", "128"},
      {"funnel", "10", "1024", "200", "128"},
      {"gmm", "2", "512", "100", "64"},
      {"many-well", "50", "1024", "100", "128"},
    };
    for (String div : List.of("log-variance", "reverse-kl")) {
      for (String[] s : shapes) {
        String label = String.format("%s d=%s B=%s N=%s H=%s %s", s[0], s[1], s[2], s[3], s[4], div);
        List<String> o = new ArrayList<>(List.of(
            "sampler=dis", "divergence=" + div, "target=" + s[0], "target.dim=" + s[1],
            "train.batch=" + s[2], "train.timesteps=" + s[3], "sampler.width=" + s[4], "sampler.depth=2",
            "precision=float32"));
        if (s[0].equals("many-well")) {
          o.add("target.wells=5");
          o.add("target.separation=2");
        }
        rows.put(label, o);
      }
    }
    // the reference network of the ref-* presets (FourierMLP depth 3, width 64, GELU, 64 Fourier channels,
    // time gain depth 3) at the reference batch
    rows.put("funnel d=10 B=2048 N=100 ref-net log-variance", List.of(
        "sampler=dis", "divergence=log-variance", "target=funnel", "target.dim=10", "train.batch=2048",
        "train.timesteps=100", "sampler.depth=3", "sampler.width=64", "sampler.activation=gelu",
        "sampler.timeChannels=64", "sampler.gainDepth=3", "precision=float32"));
    // the largest target: LGCP on the 40x40 pines grid
    rows.put("lgcp d=1600 B=256 N=100 H=64 log-variance", List.of(
        "sampler=dis", "divergence=log-variance", "target=lgcp", "target.dim=1600", "target.gridSize=40",
        "train.batch=256", "train.timesteps=100", "sampler.width=64", "sampler.depth=2", "precision=float32"));
    return rows;
  }

  /** The JSON object of one benchmark (the field names are part of the interface). */
  static ObjectNode toJson(String label, List<String> overrides, BenchResult b) {
    ObjectNode o = JSON.createObjectNode();
    o.put("config", label);
    ArrayNode ov = o.putArray("overrides");
    overrides.forEach(ov::add);
    o.put("ms_per_step", b.msPerStep());
    o.put("first_step_s", b.firstStepSeconds());
    o.put("build_s", b.buildSeconds());
    o.put("peak_rss_mb", b.peakRssMb());
    o.put("network_gflops", b.networkGflops());
    o.put("matmul_gflops", b.matmulGflops());
    o.put("peak_ratio", b.networkGflops() / b.matmulGflops());
    o.put("eval_traj_per_s", b.evalTrajectoriesPerSecond());
    return o;
  }

  static void write(Path file, JsonNode node) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      JSON.writeValue(file.toFile(), node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new dev.pathspace.api.ConfigException("cannot read benchmark file " + file + ": " + e.getMessage());
    }
  }

  /** The Markdown table of suite rows. */
  static String markdown(List<JsonNode> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| configuration | ms/step | first step s | peak RSS MB | network GFLOP/s | MatMul GFLOP/s | ratio | eval traj/s |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (JsonNode r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.0f | %.1f | %.0f | %.0f %% | %.0f |%n",
          r.get("config").asText(), r.get("ms_per_step").asDouble(), r.get("first_step_s").asDouble(),
          r.get("peak_rss_mb").asDouble(), r.get("network_gflops").asDouble(), r.get("matmul_gflops").asDouble(),
          100 * r.get("peak_ratio").asDouble(), r.get("eval_traj_per_s").asDouble()));
    }
    return sb.toString();
  }

  /**
   * Rows of {@code current} whose ms/step is more than 10 % above the row with the same configuration in
   * {@code saved}, as human-readable lines.
   */
  static List<String> regressions(List<JsonNode> current, JsonNode saved) {
    Map<String, Double> before = new LinkedHashMap<>();
    (saved.isArray() ? saved : JSON.createArrayNode().add(saved))
        .forEach(r -> before.put(r.get("config").asText(), r.get("ms_per_step").asDouble()));
    List<String> slower = new ArrayList<>();
    for (JsonNode r : current) {
      Double b = before.get(r.get("config").asText());
      double now = r.get("ms_per_step").asDouble();
      if (b != null && now > 1.10 * b) {
        slower.add(String.format(Locale.ROOT, "SLOWER %s: %.1f ms/step vs %.1f saved (+%.0f %%)",
            r.get("config").asText(), now, b, 100 * (now / b - 1)));
      }
    }
    return slower;
  }
}
