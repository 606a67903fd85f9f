package dev.pathspace.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pathspace.api.ConfigException;
import dev.pathspace.api.registry.ComponentKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One configuration layer (defaults, {@code --config} overlay or command-line overrides), flattened:
 * component types ({@link ComponentKind}), component parameters and settings keys such as {@code train.steps}.
 */
final class ConfigLayer {
  /** Top-level keys other than the slots. */
  static final List<String> GROUPS = List.of("train", "eval", "threads");

  final Map<ComponentKind<?>, String> types = new HashMap<>();
  final Map<ComponentKind<?>, Map<String, JsonNode>> params = new HashMap<>();
  final Map<String, JsonNode> settings = new LinkedHashMap<>();

  private ConfigLayer() {
    for (ComponentKind<?> k : ComponentKind.ALL) {
      params.put(k, new LinkedHashMap<>());
    }
  }

  /** All valid settings keys ({@code train.steps}, {@code seed}, {@code threads.intra}, …). */
  static Set<String> settingsKeys() {
    Set<String> keys = new TreeSet<>();
    RecordCodec.names(TrainSettings.class).forEach(n -> keys.add("train." + n));
    RecordCodec.names(EvalSettings.class).forEach(n -> keys.add("eval." + n));
    keys.addAll(List.of("seed", "precision", "graphOptimization", "device", "jit", "threads.intra", "threads.inter"));
    return keys;
  }

  static Set<String> topLevelKeys() {
    Set<String> keys = new TreeSet<>(GROUPS);
    keys.addAll(List.of("seed", "precision", "graphOptimization", "device", "jit"));
    for (ComponentKind<?> k : ComponentKind.ALL) {
      keys.add(k.key());
    }
    return keys;
  }

  /** Parses a YAML document with the structure of {@code defaults.yaml}. */
  static ConfigLayer fromYaml(JsonNode root) {
    ConfigLayer layer = new ConfigLayer();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return layer;
    }
    if (!root.isObject()) {
      throw new ConfigException("expected a mapping of config keys at the top level, got '" + root + "'");
    }
    for (var e : root.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      ComponentKind<?> slot = ComponentKind.byKey(key);
      if (slot != null) {
        if (v.isObject()) {
          for (var p : v.properties()) {
            layer.put(key + "." + p.getKey(), p.getValue());
          }
        } else {
          layer.put(key, v);
        }
      } else if (GROUPS.contains(key)) {
        if (!v.isObject()) {
          throw new ConfigException(
              "Invalid value '" + v + "' for " + key + ": expected a mapping with keys "
                  + settingsKeys().stream().filter(k -> k.startsWith(key + ".")).toList());
        }
        for (var p : v.properties()) {
          layer.put(key + "." + p.getKey(), p.getValue());
        }
      } else {
        layer.put(key, v);
      }
    }
    return layer;
  }

  /** Parses {@code key=value} overrides; values are YAML scalars or flow sequences. */
  static ConfigLayer fromOverrides(List<String> overrides, ObjectMapper yaml) {
    ConfigLayer layer = new ConfigLayer();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            "Malformed override '" + o + "': expected key=value, e.g. divergence=moment or train.steps=500;"
                + " valid top-level keys: " + topLevelKeys());
      }
      String key = o.substring(0, eq).trim();
      String raw = o.substring(eq + 1);
      layer.put(key, parseValue(raw, yaml));
    }
    return layer;
  }

  private static JsonNode parseValue(String raw, ObjectMapper yaml) {
    if (raw.isBlank()) {
      return TextNode.valueOf(raw);
    }
    try {
      JsonNode n = yaml.readTree(raw);
      return n == null || n.isMissingNode() ? TextNode.valueOf(raw) : n;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(raw);
    }
  }

  /** Routes one flattened key. */
  private void put(String key, JsonNode value) {
    int dot = key.indexOf('.');
    String head = dot < 0 ? key : key.substring(0, dot);
    String rest = dot < 0 ? null : key.substring(dot + 1);
    ComponentKind<?> slot = ComponentKind.byKey(head);
    if (slot != null) {
      if (rest == null || rest.equals("type")) {
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
          throw new ConfigException(
              "Invalid value '" + value + "' for " + head + ": expected a " + head + " type name");
        }
        types.put(slot, value.asText().trim());
      } else {
        params.get(slot).put(rest, value);
      }
      return;
    }
    if (settingsKeys().contains(key)) {
      settings.put(key, value);
      return;
    }
    if (GROUPS.contains(head)) {
      throw new ConfigException(
          "Unknown key '" + key + "'; valid keys: "
              + settingsKeys().stream().filter(k -> k.startsWith(head + ".")).toList()
              + ConfigErrors.didYouMean(key, settingsKeys()));
    }
    Set<String> all = new TreeSet<>(settingsKeys());
    all.addAll(topLevelKeys());
    throw new ConfigException("Unknown key '" + key + "'; valid keys: " + topLevelKeys()
        + ConfigErrors.didYouMean(key, all));
  }
}
