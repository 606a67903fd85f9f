package dev.pathspace.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pathspace.api.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Named configuration bundles shipped in the jar ({@code dev/pathspace/experiments/presets/NAME.yaml},
 * listed in {@code presets/index.txt}). A preset has the structure of {@code defaults.yaml} plus an
 * optional {@code about:} text (what it reproduces and its source), which is not a config key. Presets are
 * explicit layers between the defaults and the user's config (layered configuration) and are recorded
 * in {@code provenance.json}.
 */
public final class Presets {
  /** Classpath folder of the presets. */
  public static final String FOLDER = "/dev/pathspace/experiments/presets/";

  private Presets() {}

  /** The names of the shipped presets. */
  public static List<String> names() {
    String index = read(FOLDER + "index.txt");
    return index == null ? List.of()
        : index.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  /** The config tree of preset {@code name} (without its {@code about:} text). */
  public static JsonNode load(String name) {
    JsonNode tree = raw(name);
    if (tree instanceof ObjectNode o) {
      o.remove("about");
    }
    return tree;
  }

  /** The {@code about:} text of preset {@code name} (empty if none). */
  public static String about(String name) {
    JsonNode about = raw(name).get("about");
    return about == null ? "" : about.asText().trim();
  }

  private static JsonNode raw(String name) {
    String text = name.matches("[A-Za-z0-9._-]+") ? read(FOLDER + name + ".yaml") : null;
    if (text == null) {
      throw new ConfigException("Unknown preset '" + name + "'; valid options: " + names());
    }
    try {
      JsonNode n = ConfigYaml.mapper().readTree(text);
      return n == null ? ConfigYaml.mapper().createObjectNode() : n;
    } catch (IOException e) {
      throw new IllegalStateException("cannot parse preset " + name, e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = Presets.class.getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
