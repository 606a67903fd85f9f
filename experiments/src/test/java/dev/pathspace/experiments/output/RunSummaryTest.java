package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.experiments.engine.TrainSummary;
import dev.pathspace.experiments.metrics.MetricValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code summary.json} from the typed summary: today's keys, order and JSON types. */
class RunSummaryTest {
  private static RunConfig config() {
    return new RunConfig(new ComponentChoice("dis", Map.of()), new ComponentChoice("moment", Map.of()),
        new ComponentChoice("vp-linear", Map.of()), new ComponentChoice("gmm", Map.of()),
        new TrainSettings(10, 8, 5, 1e-3, 0.1, 1.0, 0.0, false, 5, 3), new EvalSettings(16, 16, 0), 7,
        "float32", 1, 1);
  }

  @Test
  void writesTheSummaryKeysInOrderWithTheirTypes() throws Exception {
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    diagnostics.put("log_z_moment", -0.25);
    TrainSummary train = new TrainSummary(10, 1, 2.5, 0.75, diagnostics);
    MetricValues metrics = new MetricValues().put("log_z_true", null).put("log_z_is", 0.125).put("n_eval", 16);
    RunSummary summary = RunSummary.of(config(), 2, train, metrics, 4);
    JsonNode json = new ObjectMapper().readTree(SummaryJson.toJson(summary));
    assertThat(List.copyOf(summary.toJsonMap().keySet())).containsExactly("sampler", "divergence", "schedule",
        "target", "dim", "seed", "train_steps", "train_seconds", "build_seconds", "steps_skipped", "log_z_true",
        "log_z_is", "n_eval", "final_log_z_moment", "resumed_from_step");
    assertThat(json.get("sampler").asText()).isEqualTo("dis");
    assertThat(json.get("schedule").asText()).isEqualTo("vp-linear");
    assertThat(json.get("seed").isIntegralNumber()).isTrue();
    assertThat(json.get("seed").asLong()).isEqualTo(7);
    assertThat(json.get("train_seconds").asDouble()).isEqualTo(2.5);
    assertThat(json.get("steps_skipped").asInt()).isEqualTo(1);
    assertThat(json.get("log_z_true").isNull()).isTrue();
    assertThat(json.get("n_eval").isIntegralNumber()).isTrue();
    assertThat(json.get("final_log_z_moment").asDouble()).isEqualTo(-0.25);
    assertThat(json.get("resumed_from_step").asInt()).isEqualTo(4);
    assertThat(summary.metric("log_z_is")).isEqualTo(0.125);
    assertThat(RunSummary.of(config(), 2, train, metrics, 0).toJsonMap()).doesNotContainKey("resumed_from_step");
  }
}
