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
 * preset: ref-dis              # optional; a name or a list of names (shipped presets)
 * base:                        # optional; overrides common to all points: a list of key=value or a map
 *   target: gmm                #   (nested maps are flattened with dots: train: {steps: 300})
 *   train.steps: 300
 * grid:                        # key -> list of values; a scalar means a one-value list
 *   sampler: [dis, pis]
 *   divergence: [reverse-kl, log-variance, moment]
 *   seed: [1, 2, 3]
 * options:                     # optional; a grid key listed here takes labels, each a bundle of overrides
 *   loss:
 *     kl: {divergence: reverse-kl, train.batch: 2048}
 *     lv: {divergence: log-variance-traj, train.batch: 128}
 * overrides:                   # optional; conditional overrides, applied in file order to matching points
 *   - when: {sampler: bridge, loss: lv}      # grid key -> value (or list of values); all must match
 *     set: {divergence: log-variance}        # applied as its own layer above the point's overrides
 * </pre>
 *
 * Values are kept as text and parsed like command-line overrides (YAML scalars or flow sequences).
 * A grid key named in {@code options} is an <i>option axis</i>: its grid values must be labels defined under
 * it, and a point with label {@code kl} gets that label's overrides in place of {@code loss=kl} (the
 * directory name still uses {@code loss=kl}). A point override {@code preset=NAME} (from the grid key
 * {@code preset}, or a {@code preset:} entry of an option) applies that preset after the file's presets and
 * below {@code base} (see {@link #resolve}).
 *
 * <p>An {@code overrides} rule matches a point when each of its {@code when} grid keys has (one of) the given
 * value(s) at that point (labels for option axes). The {@code set} entries of all matching rules form one
 * more config layer above the point's own overrides, so a rule that changes a component's type (say
 * {@code divergence: log-variance} where the point's option chose {@code log-variance-traj}) also drops the
 * parameters the lower layers set for the previous type, exactly as a command-line override would.
 *
 * @param presets preset names, applied in order over the defaults
 * @param base overrides common to every point (one config layer)
 * @param grid grid keys in file order with their values (the last key varies fastest)
 * @param options option axes: grid key → label → the label's overrides ({@code key=value}, in file order)
 * @param rules conditional overrides, in file order
 */
public record SweepSpec(List<String> presets, List<String> base, Map<String, List<String>> grid,
    Map<String, Map<String, List<String>>> options, List<Rule> rules) {
  private static final Set<String> KEYS =
      Set.of("preset", "presets", "base", "grid", "options", "overrides", "about");
  private static final Set<String> RULE_KEYS = Set.of("when", "set");

  /**
   * One conditional override of a sweep file's {@code overrides} list.
   *
   * @param when grid key → the values (labels for option axes) at which the rule applies; all keys must match
   * @param set the overrides the rule applies ({@code key=value}, in file order)
   */
  public record Rule(Map<String, List<String>> when, List<String> set) {
    /** Copies the collections (order preserved). */
    public Rule {
      Map<String, List<String>> w = new LinkedHashMap<>();
      when.forEach((k, v) -> w.put(k, List.copyOf(v)));
      when = java.util.Collections.unmodifiableMap(w);
      set = List.copyOf(set);
    }

    /** Whether this rule applies to the point with grid entries {@code pointOverrides} ({@code key=value}). */
    boolean matches(List<String> pointOverrides) {
      Map<String, String> at = new LinkedHashMap<>();
      for (String o : pointOverrides) {
        int eq = o.indexOf('=');
        at.put(o.substring(0, eq), o.substring(eq + 1));
      }
      return when.entrySet().stream().allMatch(e -> e.getValue().contains(at.get(e.getKey())));
    }
  }

  /** The grid key (or option entry) that selects a preset per point. */
  public static final String PRESET_KEY = "preset";

  /** Copies the collections (grid and option order preserved). */
  public SweepSpec {
    presets = List.copyOf(presets);
    base = List.copyOf(base);
    Map<String, List<String>> g = new LinkedHashMap<>();
    grid.forEach((k, v) -> g.put(k, List.copyOf(v)));
    grid = java.util.Collections.unmodifiableMap(g);
    Map<String, Map<String, List<String>>> o = new LinkedHashMap<>();
    options.forEach((axis, labels) -> {
      Map<String, List<String>> l = new LinkedHashMap<>();
      labels.forEach((label, overrides) -> l.put(label, List.copyOf(overrides)));
      o.put(axis, java.util.Collections.unmodifiableMap(l));
    });
    options = java.util.Collections.unmodifiableMap(o);
    rules = List.copyOf(rules);
  }

  /** A spec without option axes or rules. */
  public SweepSpec(List<String> presets, List<String> base, Map<String, List<String>> grid) {
    this(presets, base, grid, Map.of(), List.of());
  }

  /**
   * What one point runs: the presets (the file's, then the point's {@code preset=NAME} entries) and the
   * point's config overrides (option labels replaced by their overrides, {@code preset=} entries removed).
   *
   * @param presets preset names in the order they are applied
   * @param overrides the point's config layer (above {@link #base})
   * @param ruled the {@code set} entries of the matching {@link Rule}s, one more layer above {@code overrides}
   */
  public record Resolved(List<String> presets, List<String> overrides, List<String> ruled) {
    /** Copies the lists. */
    public Resolved {
      presets = List.copyOf(presets);
      overrides = List.copyOf(overrides);
      ruled = List.copyOf(ruled);
    }

    /** A point no rule matches. */
    public Resolved(List<String> presets, List<String> overrides) {
      this(presets, overrides, List.of());
    }

    /** The config layers above the sweep's {@code base}: the point's overrides, then the rules' (if any). */
    public List<List<String>> layers() {
      return ruled.isEmpty() ? List.of(overrides) : List.of(overrides, ruled);
    }
  }

  /** Resolves {@code point}'s grid entries (see {@link Resolved}). */
  public Resolved resolve(SweepPoint point) {
    List<String> expanded = new ArrayList<>();
    for (String o : point.overrides()) {
      int eq = o.indexOf('=');
      Map<String, List<String>> labels = options.get(o.substring(0, eq));
      if (labels == null) {
        expanded.add(o);
      } else {
        expanded.addAll(labels.get(o.substring(eq + 1))); // every label was checked by parse
      }
    }
    List<String> ps = new ArrayList<>(presets);
    List<String> rest = new ArrayList<>();
    for (String o : expanded) {
      if (o.startsWith(PRESET_KEY + "=")) {
        ps.add(o.substring(PRESET_KEY.length() + 1));
      } else {
        rest.add(o);
      }
    }
    List<String> ruled = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.matches(point.overrides())) {
        ruled.addAll(rule.set());
      }
    }
    return new Resolved(ps, rest, ruled);
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
            "Unknown sweep key '" + e.getKey() + "'; valid keys: [about, base, grid, options, overrides, preset]");
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
    Map<String, Map<String, List<String>>> options = parseOptions(root.get("options"), grid);
    return new SweepSpec(presets, base, grid, options, parseRules(root.get("overrides"), grid));
  }

  private static List<Rule> parseRules(JsonNode o, Map<String, List<String>> grid) {
    List<Rule> rules = new ArrayList<>();
    if (o == null || o.isNull()) {
      return rules;
    }
    if (!o.isArray()) {
      throw new ConfigException("Invalid overrides '" + text(o)
          + "': expected a list of {when: {grid key: value}, set: {key: value}}");
    }
    for (int i = 0; i < o.size(); i++) {
      JsonNode r = o.get(i);
      String at = "overrides[" + i + "]";
      if (!r.isObject()) {
        throw new ConfigException("Invalid " + at + " '" + text(r) + "': expected {when: {...}, set: {...}}");
      }
      for (var e : r.properties()) {
        if (!RULE_KEYS.contains(e.getKey())) {
          throw new ConfigException("Unknown key " + at + "." + e.getKey() + "; valid keys: [set, when]");
        }
      }
      JsonNode when = r.get("when");
      JsonNode set = r.get("set");
      if (when == null || !when.isObject() || when.isEmpty()) {
        throw new ConfigException(at + ".when must be a non-empty mapping of grid key -> value(s); grid keys: "
            + grid.keySet());
      }
      if (set == null || !set.isObject() || set.isEmpty()) {
        throw new ConfigException(at + ".set must be a non-empty mapping of overrides (e.g. {divergence: log-variance})");
      }
      Map<String, List<String>> w = new LinkedHashMap<>();
      for (var e : when.properties()) {
        List<String> valid = grid.get(e.getKey());
        if (valid == null) {
          throw new ConfigException(at + ".when." + e.getKey() + " is not a grid key; grid keys: " + grid.keySet());
        }
        List<String> values = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(n -> values.add(text(n)));
        } else {
          values.add(text(e.getValue()));
        }
        for (String v : values) {
          if (!valid.contains(v)) {
            throw new ConfigException("Invalid " + at + ".when." + e.getKey() + " '" + v + "': not a value of grid key '"
                + e.getKey() + "'; valid values: " + valid);
          }
        }
        w.put(e.getKey(), values);
      }
      List<String> overrides = new ArrayList<>();
      flatten("", set, overrides);
      if (overrides.stream().anyMatch(s -> s.startsWith(PRESET_KEY + "="))) {
        throw new ConfigException(at + ".set cannot choose a preset (presets apply below base); "
            + "use an option axis with a preset entry instead");
      }
      rules.add(new Rule(w, overrides));
    }
    return rules;
  }

  private static Map<String, Map<String, List<String>>> parseOptions(JsonNode o, Map<String, List<String>> grid) {
    Map<String, Map<String, List<String>>> options = new LinkedHashMap<>();
    if (o == null || o.isNull()) {
      return options;
    }
    if (!o.isObject()) {
      throw new ConfigException("Invalid options '" + o + "': expected a mapping of grid key -> label -> overrides");
    }
    for (var axis : o.properties()) {
      String key = axis.getKey();
      if (!grid.containsKey(key)) {
        throw new ConfigException("options." + key + " is not a grid key; grid keys: " + grid.keySet());
      }
      if (!axis.getValue().isObject() || axis.getValue().isEmpty()) {
        throw new ConfigException("Invalid options." + key + " '" + text(axis.getValue())
            + "': expected a mapping of label -> overrides (e.g. kl: {divergence: reverse-kl})");
      }
      Map<String, List<String>> labels = new LinkedHashMap<>();
      for (var label : axis.getValue().properties()) {
        JsonNode v = label.getValue();
        if (!v.isObject()) {
          throw new ConfigException("Invalid options." + key + "." + label.getKey() + " '" + text(v)
              + "': expected a mapping of overrides (e.g. {divergence: reverse-kl, train.batch: 2048})");
        }
        List<String> overrides = new ArrayList<>();
        flatten("", v, overrides);
        labels.put(label.getKey(), overrides);
      }
      for (String value : grid.get(key)) {
        if (!labels.containsKey(value)) {
          throw new ConfigException("Grid key '" + key + "' has value '" + value + "', which options." + key
              + " does not define; valid labels: " + labels.keySet());
        }
      }
      options.put(key, labels);
    }
    return options;
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
