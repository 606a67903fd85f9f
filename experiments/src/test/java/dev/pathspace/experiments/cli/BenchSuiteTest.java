package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pathspace.experiments.engine.BenchResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The standard set, the JSON field names, the Markdown table and the > 10 % regression rule. */
class BenchSuiteTest {
  private static JsonNode row(String label, double ms) {
    return BenchSuite.toJson(label, List.of("target=funnel"),
        new BenchResult(1.0, 2.0, ms, 1000 / ms, 3e4, 900, 150, 250));
  }

  @Test
  void standardSetHasTwelveRowsWithBothDivergencesPlusTheReferenceNetworkAndLgcp() {
    assertThat(BenchSuite.rows()).hasSize(14);
    // the twelve labels of the earlier suites come first and unchanged (--compare matches rows by label)
    assertThat(List.copyOf(BenchSuite.rows().keySet()).subList(0, 12)).containsExactly(
        "funnel d=10 B=256 N=100 H=64 log-variance", "funnel d=10 B=1024 N=100 H=128 log-variance",
        "funnel d=10 B=2048 N=100 H=128 log-variance", "funnel d=10 B=1024 N=200 H=128 log-variance",
        "gmm d=2 B=512 N=100 H=64 log-variance", "many-well d=50 B=1024 N=100 H=128 log-variance",
        "funnel d=10 B=256 N=100 H=64 reverse-kl", "funnel d=10 B=1024 N=100 H=128 reverse-kl",
        "funnel d=10 B=2048 N=100 H=128 reverse-kl", "funnel d=10 B=1024 N=200 H=128 reverse-kl",
        "gmm d=2 B=512 N=100 H=64 reverse-kl", "many-well d=50 B=1024 N=100 H=128 reverse-kl");
    assertThat(BenchSuite.rows().get("funnel d=10 B=2048 N=100 ref-net log-variance")).contains(
        "target=funnel", "train.batch=2048", "train.timesteps=100", "divergence=log-variance", "sampler.depth=3",
        "sampler.width=64", "sampler.activation=gelu", "sampler.timeChannels=64", "sampler.gainDepth=3");
    assertThat(BenchSuite.rows().get("lgcp d=1600 B=256 N=100 H=64 log-variance")).contains(
        "target=lgcp", "target.dim=1600", "train.batch=256", "train.timesteps=100", "divergence=log-variance");
    assertThat(BenchSuite.rows().keySet()).anyMatch(k -> k.startsWith("funnel d=10 B=2048 N=100 H=128"));
    assertThat(BenchSuite.rows().get("many-well d=50 B=1024 N=100 H=128 reverse-kl"))
        .contains("divergence=reverse-kl", "target.dim=50", "sampler.width=128", "train.timesteps=100");
  }

  @Test
  void everyRowIsAValidConfigurationOfTheShippedComponents() {
    var planner = new dev.pathspace.experiments.compose.RunPlanner(
        dev.pathspace.experiments.compose.PluginRegistry.discover());
    BenchSuite.rows().forEach((label, overrides) -> {
      var plan = planner.plan(null, overrides);
      assertThat(plan.config().train().batch()).as(label).isEqualTo(Integer.parseInt(label.split("B=")[1].split(" ")[0]));
      assertThat(plan.components().target().dim()).as(label)
          .isEqualTo(Integer.parseInt(label.split("d=")[1].split(" ")[0]));
    });
  }

  @Test
  void jsonHasTheDocumentedFields() {
    JsonNode r = row("a", 100);
    assertThat(r.fieldNames()).toIterable().contains("ms_per_step", "first_step_s", "peak_rss_mb",
        "network_gflops", "matmul_gflops", "peak_ratio", "eval_traj_per_s");
    assertThat(r.get("peak_ratio").asDouble()).isEqualTo(0.6);
    assertThat(BenchSuite.markdown(List.of(r))).contains("| a | 100.0 | 2.00 | 900 | 150.0 | 250 | 60 % |");
  }

  @Test
  void flagsOnlyRowsMoreThanTenPercentSlower() {
    ArrayNode saved = new ObjectMapper().createArrayNode().add(row("a", 100)).add(row("b", 100));
    List<String> slower = BenchSuite.regressions(List.of(row("a", 109), row("b", 111), row("c", 500)), saved);
    assertThat(slower).hasSize(1);
    assertThat(slower.get(0)).startsWith("SLOWER b:").contains("+11 %");
  }
}
