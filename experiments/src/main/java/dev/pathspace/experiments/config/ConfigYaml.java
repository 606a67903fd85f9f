package dev.pathspace.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * YAML reading/writing of configurations. {@link #write} produces the run directory's {@code config.yaml};
 * loading that file with {@code --config} reproduces the same {@link RunConfig}.
 */
public final class ConfigYaml {
  private ConfigYaml() {}

  /** A YAML mapper (no document marker, minimal quoting). */
  public static ObjectMapper mapper() {
    return new YAMLMapper(
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());
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
    return m;
  }

  /** The resolved config as YAML text, with a header comment. */
  public static String write(RunConfig c) {
    try {
      return "# pathspace resolved configuration; rerun with: pathspace run --config config.yaml\n"
          + mapper().writeValueAsString(toTree(c));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config YAML", e);
    }
  }

  private static Map<String, Object> slot(ComponentChoice choice) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", choice.type());
    m.putAll(choice.params());
    return m;
  }
}
