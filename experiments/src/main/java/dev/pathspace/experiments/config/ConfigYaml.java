package dev.pathspace.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML reading/writing of configurations. {@link #write} produces the run directory's {@code config.yaml};
 * loading that file with {@code --config} reproduces the same {@link RunConfig}.
 */
public final class ConfigYaml {
  private ConfigYaml() {}

  /** A YAML mapper (no document marker, minimal quoting; a key repeated in one mapping is an error). */
  public static ObjectMapper mapper() {
    YAMLMapper m = new YAMLMapper(
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());
    m.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    return m;
  }

  /**
   * Parses {@code text} (from {@code source}, a file name for messages) as exactly one YAML document.
   *
   * @throws dev.pathspace.api.ConfigException with {@code source:line} for a duplicate key, a second
   *     document, or a syntax error
   */
  public static com.fasterxml.jackson.databind.JsonNode readDocument(String text, String source) {
    return readDocument(text, source, "config file");
  }

  /** {@link #readDocument(String, String)} for a file of kind {@code what} (e.g. "sweep file"). */
  public static com.fasterxml.jackson.databind.JsonNode readDocument(String text, String source, String what) {
    ObjectMapper m = mapper();
    try (com.fasterxml.jackson.core.JsonParser parser = m.createParser(text)) {
      com.fasterxml.jackson.databind.JsonNode first = m.readTree(parser);
      com.fasterxml.jackson.core.JsonToken next = parser.nextToken();
      if (next != null) {
        int line = parser.currentTokenLocation().getLineNr();
        com.fasterxml.jackson.databind.JsonNode second = m.readTree(parser);
        if (second != null && !second.isNull() && !second.isMissingNode()) {
          throw new dev.pathspace.api.ConfigException(source + ":" + line
              + ": a second YAML document (after '---'); a " + what + " holds exactly one document");
        }
      }
      return first;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Duplicate field")) {
        String key = msg.replaceFirst("^Duplicate field '(.*)'.*$", "$1");
        String path = pathOf(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser
            ? ((com.fasterxml.jackson.core.JsonParser) e.getProcessor()).getParsingContext() : null, key);
        throw new dev.pathspace.api.ConfigException(source + ":" + line + ": duplicate key '" + path
            + "' (each key may appear once in a mapping)");
      }
      throw new dev.pathspace.api.ConfigException("Cannot parse " + what + " '" + source + "': " + msg + " ("
          + source + ":" + line + ")");
    } catch (java.io.IOException e) {
      throw new dev.pathspace.api.ConfigException("Cannot read " + source + ": " + e.getMessage());
    }
  }

  private static String pathOf(com.fasterxml.jackson.core.JsonStreamContext ctx, String key) {
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    parts.push(key);
    for (var c = ctx == null ? null : ctx.getParent(); c != null; c = c.getParent()) {
      if (c.getCurrentName() != null) {
        parts.push(c.getCurrentName());
      }
    }
    return String.join(".", parts);
  }

  /** The config as an ordered tree with the structure of {@code defaults.yaml}. */
  public static Map<String, Object> toTree(RunConfig c) {
    RecordCodec codec = new RecordCodec();
    Map<String, Object> m = new LinkedHashMap<>();
    c.components().forEach((kind, choice) -> m.put(kind.key(), slot(choice)));
    m.put("train", codec.toMap(c.train()));
    m.put("eval", codec.toMap(c.eval()));
    m.put("seed", c.seed());
    m.put("precision", c.precision());
    Map<String, Object> threads = new LinkedHashMap<>();
    threads.put("intra", c.intraThreads());
    threads.put("inter", c.interThreads());
    m.put("threads", threads);
    m.put("graphOptimization", c.graphOptimization());
    m.put("device", c.device());
    if (c.jit()) { // only when on: configurations (and fingerprints) from before the key are unchanged
      m.put("jit", true);
    }
    return m;
  }

  /** The resolved config as YAML text, with a header comment. */
  public static String write(RunConfig c) {
    return text(toTree(c));
  }

  private static String text(Map<String, Object> tree) {
    try {
      return "# pathspace resolved configuration; rerun with: pathspace run --config config.yaml\n"
          + mapper().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config YAML", e);
    }
  }

  /** The {@code eval.*} keys that only add a learning curve and are not part of a run's identity. */
  public static final List<String> CURVE_KEYS = List.of("every", "curveBatch", "curveSinkhorn");

  /**
   * The identity of a resolved configuration: the first 16 hex digits of the SHA-256 of its
   * {@code config.yaml} text ({@link #write}) without the learning-curve keys ({@link #CURVE_KEYS}: they
   * change no trained weight and no summary value, so a run with a curve is the same experiment as one
   * without, and runs written before those keys existed keep their fingerprint) and, when
   * {@code train.maxLoss} is 0 (no threshold), without {@code train.maxLoss}/{@code train.maxLossSchedule}
   * (runs from before those keys existed are the same experiment). Runs with equal fingerprints are the same
   * experiment.
   */
  public static String fingerprint(RunConfig c) {
    Map<String, Object> tree = toTree(c);
    @SuppressWarnings("unchecked")
    Map<String, Object> eval = (Map<String, Object>) tree.get("eval");
    CURVE_KEYS.forEach(eval::remove);
    if (c.train().maxLoss() == 0) { // no loss threshold: the same experiment as a run from before the keys
      @SuppressWarnings("unchecked")
      Map<String, Object> train = (Map<String, Object>) tree.get("train");
      train.remove("maxLoss");
      train.remove("maxLossSchedule");
    }
    return fingerprintOf(text(tree));
  }

  /** The fingerprint of a {@code config.yaml} text (see {@link #fingerprint(RunConfig)}). */
  public static String fingerprintOf(String configYamlText) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(configYamlText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> slot(ComponentChoice choice) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", choice.type());
    m.putAll(choice.params());
    return m;
  }
}
