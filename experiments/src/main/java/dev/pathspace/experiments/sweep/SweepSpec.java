package dev.pathspace.experiments.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.ConfigYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed sweep file:
 *
 * <pre>
 * preset: dis-paper            # optional; a name or a list of names (shipped presets)
 * base:                        # optional; overrides common to all points: a list of key=value or a map
 *   target: gmm                #   (nested maps are flattened with dots: train: {steps: 300})
 *   train.steps: 300
 * grid:                        # key -> list of values; a scalar means a one-value list
 *   sampler: [dis, pis]
 *   divergence: [reverse-kl, log-variance, moment]
 *   seed: [1, 2, 3]
 * </pre>
 *
 * Values are kept as text and parsed like command-line overrides (YAML scalars or flow sequences).
 *
 * @param presets preset names, applied in order over the defaults
 * @param base overrides common to every point (one config layer)
 * @param grid grid keys in file order with their values (the last key varies fastest)
 */
public record SweepSpec(List<String> presets, List<String> base, Map<String, List<String>> grid) {
  private static final Set<String> KEYS = Set.of("preset", "presets", "base", "grid", "about");

  /** Copies the collections (grid order preserved). */
  public SweepSpec {
    presets = List.copyOf(presets);
    base = List.copyOf(base);
    Map<String, List<String>> g = new LinkedHashMap<>();
    grid.forEach((k, v) -> g.put(k, List.copyOf(v)));
    grid = java.util.Collections.unmodifiableMap(g);
  }

  /** Reads and validates the structure of a sweep file (config keys are checked later, per point). */
  public static SweepSpec read(Path file) {
    JsonNode root;
    try {
      root = ConfigYaml.readDocument(Files.readString(file), file.toString(), "sweep file"); // one document, no duplicate keys
    } catch (NoSuchFileException e) {
      throw new ConfigException("Sweep file '" + file + "' does not exist");
    } catch (JacksonException e) {
      throw new ConfigException("Cannot parse sweep file '" + file + "': " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new ConfigException("Cannot read sweep file '" + file + "': " + e.getMessage());
    }
    try {
      return parse(root);
    } catch (ConfigException e) {
      throw new ConfigException(e.getMessage() + " (in sweep file '" + file + "')");
    }
  }

  /** Parses the YAML tree of a sweep file. */
  public static SweepSpec parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new ConfigException("A sweep file must be a mapping with keys " + List.of("preset", "base", "grid"));
    }
    for (var e : root.properties()) {
      if (!KEYS.contains(e.getKey())) {
        throw new ConfigException(
            "Unknown sweep key '" + e.getKey() + "'; valid keys: [about, base, grid, preset]");
      }
    }
    List<String> presets = new ArrayList<>();
    for (String k : List.of("preset", "presets")) {
      JsonNode p = root.get(k);
      if (p != null && !p.isNull()) {
        if (p.isArray()) {
          p.forEach(n -> presets.add(n.asText()));
        } else {
          presets.add(p.asText());
        }
      }
    }
    List<String> base = new ArrayList<>();
    JsonNode b = root.get("base");
    if (b != null && !b.isNull()) {
      if (b.isArray()) {
        for (JsonNode n : b) {
          if (!n.isTextual() || !n.asText().contains("=")) {
            throw new ConfigException("Invalid base entry '" + n + "': expected key=value");
          }
          base.add(n.asText());
        }
      } else if (b.isObject()) {
        flatten("", b, base);
      } else {
        throw new ConfigException("Invalid base '" + b + "': expected a list of key=value or a mapping");
      }
    }
    Map<String, List<String>> grid = new LinkedHashMap<>();
    JsonNode g = root.get("grid");
    if (g != null && !g.isNull()) {
      if (!g.isObject()) {
        throw new ConfigException("Invalid grid '" + g + "': expected a mapping of key -> list of values");
      }
      for (var e : g.properties()) {
        List<String> values = new ArrayList<>();
        JsonNode v = e.getValue();
        if (v.isArray()) {
          v.forEach(n -> values.add(text(n)));
        } else {
          values.add(text(v));
        }
        if (values.isEmpty()) {
          throw new ConfigException("Grid key '" + e.getKey() + "' has no values");
        }
        if (values.stream().distinct().count() != values.size()) {
          throw new ConfigException("Grid key '" + e.getKey() + "' repeats a value: " + values);
        }
        grid.put(e.getKey(), values);
      }
    }
    return new SweepSpec(presets, base, grid);
  }

  private static void flatten(String prefix, JsonNode node, List<String> out) {
    for (var e : node.properties()) {
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flatten(key + ".", v, out);
      } else {
        out.add(key + "=" + text(v));
      }
    }
  }

  /** Scalars as their text, sequences/maps as JSON flow text (valid YAML for the override parser). */
  static String text(JsonNode n) {
    return n.isValueNode() ? n.asText() : n.toString();
  }
}
