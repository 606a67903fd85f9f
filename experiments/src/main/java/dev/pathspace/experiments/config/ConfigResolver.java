package dev.pathspace.experiments.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.api.ConfigException;
import dev.pathspace.api.registry.ComponentKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers a run configuration, lowest first: the {@code defaults.yaml} resource, named presets, an optional
 * {@code --config} YAML overlay and command-line {@code key=value} overrides. When a layer changes a
 * component's type, the component parameters of lower layers are dropped. The result is a
 * {@link LayeredConfig}: each kind's type and the user's (still undecoded) parameters, and the decoded,
 * validated run settings. Decoding component parameters needs the registries and is the run planner's
 * job ({@code compose.RunPlanner}). Every problem is a {@link ConfigException}; no TensorFlow is touched.
 */
public final class ConfigResolver {
  /** Classpath resource holding the defaults layer. */
  public static final String DEFAULTS_RESOURCE = "/dev/pathspace/experiments/defaults.yaml";
  /** The schedule type meaning "the sampler's default schedule". */
  public static final String AUTO = "auto";
  /** Valid values of {@code precision}. */
  public static final List<String> PRECISIONS = List.of("float32", "float64");

  private final ObjectMapper yaml = ConfigYaml.mapper();
  private final RecordCodec codec = new RecordCodec();

  /**
   * Layers defaults, the named presets (in order, see {@link Presets}), {@code configFile} (may be null),
   * then each list of {@code key=value} overrides as its own layer (so a later layer that changes a
   * component's type drops the parameters set below it), and decodes the run settings.
   *
   * @throws ConfigException on any invalid key, value or preset
   */
  public LayeredConfig layer(List<String> presets, Path configFile, List<List<String>> overrideLayers) {
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
    return merge(layers);
  }

  private LayeredConfig merge(List<ConfigLayer> layers) {
    Map<ComponentKind<?>, String> types = new LinkedHashMap<>();
    Map<ComponentKind<?>, Map<String, JsonNode>> params = new LinkedHashMap<>();
    Map<String, JsonNode> settings = new LinkedHashMap<>();
    for (ComponentKind<?> k : ComponentKind.ALL) {
      params.put(k, new LinkedHashMap<>());
    }
    for (ConfigLayer layer : layers) {
      for (ComponentKind<?> k : ComponentKind.ALL) {
        String t = layer.types.get(k);
        if (t != null && !t.equals(types.get(k))) {
          params.get(k).clear(); // parameters of lower layers belonged to the previous type
          types.put(k, t);
        }
        params.get(k).putAll(layer.params.get(k));
      }
      settings.putAll(layer.settings);
    }
    return settings(types, params, settings);
  }

  private LayeredConfig settings(
      Map<ComponentKind<?>, String> types,
      Map<ComponentKind<?>, Map<String, JsonNode>> params,
      Map<String, JsonNode> settings) {
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
    require(e.every() >= 0, "eval.every", e.every(), "must be >= 0 (0 = no learning curve)");
    require(e.curveBatch() >= 2, "eval.curveBatch", e.curveBatch(), "must be >= 2 (trajectories per curve point)");
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
    require(t.gradientChunk() >= -1, "train.gradientChunk", t.gradientChunk(),
        "must be >= -1 (-1 = auto: a chunk graph of 10 steps when the unrolled run would need more than a"
            + " quarter of the memory, 0 = differentiate the whole unroll, K > 0 = one chunk graph of K steps)");
    require(t.checkpointEvery() >= 0, "train.checkpointEvery", t.checkpointEvery(),
        "must be >= 0 (0 = only at the end)");
    boolean graphOpt =
        (Boolean) codec.convert(need(settings, "graphOptimization"), boolean.class, "graphOptimization");
    String device = (String) codec.convert(need(settings, "device"), String.class, "device");
    if (!RunConfig.DEVICES.contains(device)) {
      throw new ConfigException("Invalid value '" + device + "' for device; valid options: " + RunConfig.DEVICES);
    }
    boolean jit = (Boolean) codec.convert(need(settings, "jit"), boolean.class, "jit");
    return new LayeredConfig(types, params, t, e, seed, precision, intra, inter, graphOpt, device, jit);
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
