package dev.pathspace.experiments.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.registry.ComponentKind;
import dev.pathspace.experiments.engine.Experiment;
import dev.pathspace.experiments.engine.RunComponents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every registered sampler × divergence × schedule either builds its training and evaluation graphs (tiny
 * sizes, nothing is trained) or is rejected before any graph is built with a message that names the
 * schedule and the valid ones.
 */
class SamplerMatrixTest {
  /** Schedules each sampler accepts (the rest must be rejected). */
  private static final Map<String, Set<String>> VALID = Map.of(
      "dis", Set.of("vp-linear", "vp-cosine", "const-ou"),
      "pis", Set.of("brownian"),
      "dds", Set.of("vp-linear", "vp-cosine", "const-ou", "brownian"),
      "bridge", Set.of("vp-linear", "vp-cosine", "const-ou", "brownian"),
      "langevin", Set.of("vp-linear", "vp-cosine", "const-ou", "brownian"));

  @Test
  void everyCombinationBuildsOrIsRejectedWithTheValidOptions() {
    assertThat(RealComponents.keys(ComponentKind.SAMPLER)).containsExactlyInAnyOrderElementsOf(VALID.keySet());
    List<String> built = new ArrayList<>();
    int rejected = 0;
    for (String sampler : RealComponents.keys(ComponentKind.SAMPLER)) {
      for (String divergence : RealComponents.keys(ComponentKind.DIVERGENCE)) {
        for (String schedule : RealComponents.keys(ComponentKind.SCHEDULE)) {
          String[] o = {"sampler=" + sampler, "divergence=" + divergence, "schedule=" + schedule,
              "target=gaussian", "target.dim=2", "train.batch=8", "train.timesteps=3",
              sampler.equals("langevin") ? "sampler.stepSize=0.01" : "sampler.width=4",
              "eval.batch=8", "eval.chunk=8", "graphOptimization=false"};
          if (VALID.get(sampler).contains(schedule)) {
            RunComponents c = RealComponents.compose(o);
            try (Experiment e = Experiment.build(c, RealComponents.resolve(o))) {
              assertThat(e.buildSeconds()).isPositive();
            }
            built.add(sampler + "/" + divergence + "/" + schedule);
          } else {
            assertThatThrownBy(() -> RealComponents.compose(o))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(sampler)
                .hasMessageContaining(schedule)
                .hasMessageContaining("Valid schedules");
            rejected++;
          }
        }
      }
    }
    assertThat(built).isNotEmpty();
    assertThat(rejected).isPositive();
  }
}
