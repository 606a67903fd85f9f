package dev.pathspace.experiments.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.api.ConfigException;
import dev.pathspace.api.registry.ComponentSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Resolves and validates a run configuration from three layers, lowest first: the {@code defaults.yaml}
 * resource, an optional {@code --config} YAML overlay and command-line {@code key=value} overrides. When
 * a layer changes a slot's type, the slot parameters of lower layers are dropped. Component parameters
 * are the {@code Params.defaults()} overlaid with the user's values and are validated by constructing
 * the record. Every problem is a {@link ConfigException}; no TensorFlow is touched.
 */
public final class ConfigResolver {
  /** Classpath resource holding the defaults layer. */
  public static final String DEFAULTS_RESOURCE = "/dev/pathspace/experiments/defaults.yaml";
  /** The schedule type meaning "the sampler's default schedule". */
  public static final String AUTO = "auto";
  /** Valid values of {@code precision}. */
  public static final List<String> PRECISIONS = List.of("float32", "float64");

  private final ComponentCatalog catalog;
  private final ObjectMapper yaml = ConfigYaml.mapper();
  private final RecordCodec codec = new RecordCodec();

  /** @param catalog the plug-in registries */
  public ConfigResolver(ComponentCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Resolves defaults + {@code configFile} (may be null) + {@code overrides}.
   *
   * @throws ConfigException on any invalid key, value or combination
   */
  public RunConfig resolve(Path configFile, List<String> overrides) {
    return resolve(List.of(), configFile, List.of(overrides));
  }

  /**
   * Resolves the layers, lowest first: defaults, the named presets (in order, see {@link Presets}),
   * {@code configFile} (may be null), then each list of {@code key=value} overrides as its own layer (so a
   * later layer that changes a slot's type drops the slot parameters set below it).
   *
   * @throws ConfigException on any invalid key, value, preset or combination
   */
  public RunConfig resolve(List<String> presets, Path configFile, List<List<String>> overrideLayers) {
    List<ConfigLayer> layers = new ArrayList<>();
    layers.add(ConfigLayer.fromYaml(readDefaults()));
    for (String p : presets) {
      JsonNode tree = Presets.load(p);
      try {
        layers.add(ConfigLayer.fromYaml(tree));
      } catch (ConfigException e) {
        throw new ConfigException(e.getMessage() + " (in preset '" + p + "')");
      }
    }
    if (configFile != null) {
      layers.add(withSource(configFile, () -> ConfigLayer.fromYaml(readFile(configFile))));
    }
    for (List<String> overrides : overrideLayers) {
      layers.add(ConfigLayer.fromOverrides(overrides, yaml));
    }
    return resolve(layers);
  }

  private RunConfig resolve(List<ConfigLayer> layers) {
    Map<Slot, String> types = new EnumMap<>(Slot.class);
    Map<Slot, Map<String, JsonNode>> params = new EnumMap<>(Slot.class);
    Map<String, JsonNode> settings = new LinkedHashMap<>();
    for (Slot s : Slot.values()) {
      params.put(s, new LinkedHashMap<>());
    }
    for (ConfigLayer layer : layers) {
      for (Slot s : Slot.values()) {
        String t = layer.types.get(s);
        if (t != null && !t.equals(types.get(s))) {
          params.get(s).clear(); // parameters of lower layers belonged to the previous type
          types.put(s, t);
        }
        params.get(s).putAll(layer.params.get(s));
      }
      settings.putAll(layer.settings);
    }
    Map<Slot, ComponentChoice> choices = new EnumMap<>(Slot.class);
    Record samplerParams = null;
    for (Slot s : List.of(Slot.SAMPLER, Slot.DIVERGENCE, Slot.TARGET, Slot.SCHEDULE)) {
      String type = types.get(s);
      if (type == null) {
        throw new ConfigException("No " + s.key() + " type configured; valid options: " + options(s));
      }
      String origin = "";
      if (s == Slot.SCHEDULE && type.equals(AUTO)) {
        String samplerType = choices.get(Slot.SAMPLER).type();
        String[] tokens = catalog.defaultSchedule(samplerType, samplerParams).trim().split("\\s+");
        type = tokens[0];
        origin = " (default of sampler '" + samplerType + "')";
        // "key p=v ...": the sampler's parameter defaults for its schedule, under the user's own
        Map<String, JsonNode> merged = new java.util.LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
          int eq = tokens[i].indexOf('=');
          merged.put(tokens[i].substring(0, eq), scalar(tokens[i].substring(eq + 1)));
        }
        merged.putAll(params.get(s));
        params.put(s, merged);
        if (!catalog.options(s).containsKey(type)) {
          throw new ConfigException(
              "Sampler '" + samplerType + "' asks for schedule '" + type
                  + "', which is not registered; valid options: " + options(s));
        }
      }
      Record record = resolveSlot(s, type, origin, params.get(s));
      if (s == Slot.SAMPLER) {
        samplerParams = record;
      }
      choices.put(s, new ComponentChoice(type, codec.toMap(record)));
    }
    return settings(choices, settings);
  }

  private static JsonNode scalar(String value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper(
              new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readTree(value);
    } catch (java.io.IOException e) {
      throw new ConfigException("invalid schedule default '" + value + "': " + e.getMessage());
    }
  }

  private Record resolveSlot(Slot s, String type, String origin, Map<String, JsonNode> user) {
    ComponentSpec<?> spec = catalog.options(s).get(type);
    if (spec == null) {
      throw new ConfigException(
          "Unknown " + s.key() + " '" + type + "'; valid options: " + options(s)
              + ConfigErrors.didYouMean(type, options(s)));
    }
    Class<? extends Record> pt = spec.params();
    List<String> names = RecordCodec.names(pt);
    for (String k : user.keySet()) {
      if (!names.contains(k)) {
        throw new ConfigException(
            "Unknown key '" + s.key() + "." + k + "' for " + s.key() + " '" + type + "'" + origin
                + "; valid keys: " + ConfigErrors.sortedKeys(s.key() + ".", names)
                + ConfigErrors.didYouMean(s.key() + "." + k, names.stream().map(n -> s.key() + "." + n).toList()));
      }
    }
    Map<String, Object> merged = new LinkedHashMap<>(codec.toMap(codec.defaults(pt)));
    merged.putAll(user);
    return codec.toRecord(pt, merged, s.key() + ".", s.key() + ": ");
  }

  private List<String> options(Slot s) {
    TreeSet<String> keys = new TreeSet<>(catalog.options(s).keySet());
    if (s == Slot.SCHEDULE) {
      keys.add(AUTO);
    }
    return List.copyOf(keys);
  }

  private RunConfig settings(Map<Slot, ComponentChoice> c, Map<String, JsonNode> settings) {
    Map<String, JsonNode> train = group(settings, "train.");
    Map<String, JsonNode> eval = group(settings, "eval.");
    TrainSettings t = codec.toRecord(TrainSettings.class, train, "train.", "train: ");
    EvalSettings e = codec.toRecord(EvalSettings.class, eval, "eval.", "eval: ");
    positive("train.steps", t.steps());
    positive("train.batch", t.batch());
    positive("train.timesteps", t.timesteps());
    positive("train.logEvery", t.logEvery());
    positive("eval.batch", e.batch());
    positive("eval.chunk", e.chunk());
    require(t.lr() > 0 && Double.isFinite(t.lr()), "train.lr", t.lr(), "must be > 0");
    require(t.lrFinalFactor() > 0 && Double.isFinite(t.lrFinalFactor()), "train.lrFinalFactor",
        t.lrFinalFactor(), "must be > 0");
    require(t.emaDecay() >= 0 && t.emaDecay() < 1, "train.emaDecay", t.emaDecay(), "must be in [0, 1)");
    require(t.maxSkips() >= 0, "train.maxSkips", t.maxSkips(), "must be >= 0");
    require(e.referenceSamples() == 0 || e.referenceSamples() >= 2, "eval.referenceSamples", e.referenceSamples(), "must be 0 (no sample-based metrics) or >= 2");
    long seed = (Long) codec.convert(need(settings, "seed"), long.class, "seed");
    String precision = (String) codec.convert(need(settings, "precision"), String.class, "precision");
    if (!PRECISIONS.contains(precision)) {
      throw new ConfigException(
          "Invalid value '" + precision + "' for precision; valid options: " + PRECISIONS);
    }
    int intra = (Integer) codec.convert(need(settings, "threads.intra"), int.class, "threads.intra");
    int inter = (Integer) codec.convert(need(settings, "threads.inter"), int.class, "threads.inter");
    require(intra >= 0, "threads.intra", intra, "must be >= 0 (0 = TensorFlow default)");
    require(inter >= 0, "threads.inter", inter, "must be >= 0 (0 = TensorFlow default)");
    require(t.gradientChunk() >= 0, "train.gradientChunk", t.gradientChunk(),
        "must be >= 0 (0 = differentiate the whole unroll)");
    require(t.checkpointEvery() >= 0, "train.checkpointEvery", t.checkpointEvery(),
        "must be >= 0 (0 = only at the end)");
    boolean graphOpt =
        (Boolean) codec.convert(need(settings, "graphOptimization"), boolean.class, "graphOptimization");
    return new RunConfig(
        c.get(Slot.SAMPLER), c.get(Slot.DIVERGENCE), c.get(Slot.SCHEDULE), c.get(Slot.TARGET),
        t, e, seed, precision, intra, inter, graphOpt);
  }

  private static Map<String, JsonNode> group(Map<String, JsonNode> settings, String prefix) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    settings.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  private static JsonNode need(Map<String, JsonNode> settings, String key) {
    JsonNode n = settings.get(key);
    if (n == null) {
      throw new IllegalStateException("defaults.yaml lacks " + key);
    }
    return n;
  }

  private static void positive(String key, int value) {
    require(value > 0, key, value, "must be > 0");
  }

  private static void require(boolean ok, String key, Object value, String rule) {
    if (!ok) {
      throw new ConfigException("Invalid value '" + value + "' for " + key + ": " + ConfigErrors.finiteOr(value, rule));
    }
  }

  private JsonNode readDefaults() {
    try (InputStream in = ConfigResolver.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
      }
      return yaml.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
    }
  }

  private JsonNode readFile(Path file) {
    try {
      return ConfigYaml.readDocument(Files.readString(file), file.toString()); // one document, no duplicate keys
    } catch (NoSuchFileException e) {
      throw new ConfigException("Config file '" + file + "' does not exist");
    } catch (JacksonException e) {
      throw new ConfigException(
          "Cannot parse config file '" + file + "': " + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file '" + file + "': " + e.getMessage());
    }
  }

  private static ConfigLayer withSource(Path file, java.util.function.Supplier<ConfigLayer> parse) {
    try {
      return parse.get();
    } catch (ConfigException e) {
      if (e.getMessage().contains("'" + file + "'")) {
        throw e;
      }
      throw new ConfigException(e.getMessage() + " (in config file '" + file + "')");
    }
  }
}
