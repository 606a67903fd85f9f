package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.config.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The closed options of the real plug-ins (enums: parameterisation, activation, integrator, grid, gmm
 * layout) accept the config strings users type, are written back in the same form, and an unknown value
 * fails naming the full key and the valid options.
 */
class OptionStringsTest {
  private static RunConfig resolve(String... overrides) {
    return new RunPlanner(PluginRegistry.discover()).config(null, List.of(overrides));
  }

  @Test
  void configStringsDecodeAndAreWrittenBackUnchanged() {
    RunConfig dis = resolve("sampler.parameterisation=network", "sampler.activation=gelu", "schedule=vp-linear",
        "schedule.grid=cosine", "target=gmm", "target.layout=fab40");
    assertThat(dis.sampler().params())
        .containsEntry("parameterisation", "network").containsEntry("activation", "gelu");
    assertThat(dis.schedule().params()).containsEntry("grid", "cosine");
    assertThat(dis.target().params()).containsEntry("layout", "fab40");
    assertThat(resolve().sampler().params()).containsEntry("parameterisation", "lerp");
    RunConfig dds = resolve("sampler=dds", "sampler.integrator=euler", "sampler.parameterisation=score");
    assertThat(dds.sampler().params()).containsEntry("integrator", "euler").containsEntry("parameterisation", "score");
  }

  @Test
  void unknownOptionsNameTheKeyAndTheValidOptions() {
    assertThatThrownBy(() -> resolve("sampler.parameterisation=lerpy"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sampler.parameterisation").hasMessageContaining("lerpy")
        .hasMessageContaining("[network, score, lerp]");
    assertThatThrownBy(() -> resolve("sampler.parameterisation=score"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("parameterisation must be one of [lerp, network]");
    assertThatThrownBy(() -> resolve("sampler=dds", "sampler.integrator=heun"))
        .hasMessageContaining("sampler.integrator").hasMessageContaining("[exponential, euler]");
    assertThatThrownBy(() -> resolve("sampler.activation=swish"))
        .hasMessageContaining("sampler.activation").hasMessageContaining("[tanh, relu, gelu, silu, softplus]");
    assertThatThrownBy(() -> resolve("schedule=vp-linear", "schedule.grid=log"))
        .hasMessageContaining("schedule.grid").hasMessageContaining("[uniform, quad, cosine]");
    assertThatThrownBy(() -> resolve("target=gmm", "target.layout=star"))
        .hasMessageContaining("target.layout").hasMessageContaining("[grid, circle, fab40, random]");
  }
}
