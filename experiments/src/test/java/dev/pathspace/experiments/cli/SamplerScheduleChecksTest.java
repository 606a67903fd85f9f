package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.compose.RunPlanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real samplers' schedule requirements, as a user meets them: the message names both schedules. */
class SamplerScheduleChecksTest {
  @Test
  void disRejectsAScheduleWithoutAStationaryLaw() {
    assertThatThrownBy(() -> new RunPlanner(PluginRegistry.discover())
            .plan(List.of(), null, List.of(List.of("sampler=dis", "schedule=brownian"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("brownian")
        .hasMessageContaining("vp-linear");
  }
}
