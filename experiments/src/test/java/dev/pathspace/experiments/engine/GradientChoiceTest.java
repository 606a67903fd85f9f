package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.fakes.Fakes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** train.gradientChunk=-1 (auto) picks the chunk graph exactly when the unrolled run would not fit comfortably. */
class GradientChoiceTest {
  private static final double MACHINE = 24e9;

  private static RunConfig cfg(String... overrides) {
    return new RunPlanner(Fakes.registry()).config(null, List.of(overrides));
  }

  @Test
  void autoKeepsTheFasterUnrolledGraphWhileItFitsAndChunksBeyond() {
    // B=1024, H=128, depth 2, d=10, float32: activations 1024·N·808·4 B + 3.5 MB·N = 6.8 MB per step
    RunConfig n100 = cfg("train.batch=1024", "sampler.width=128", "sampler.depth=2", "train.timesteps=100", "train.gradientChunk=-1");
    RunConfig n1000 = cfg("train.batch=1024", "sampler.width=128", "sampler.depth=2", "train.timesteps=1000", "train.gradientChunk=-1");
    assertThat(GradientChoice.unrolledBytes(n100, 10)).isCloseTo(100 * (1024 * 808 * 4 + 3.5e6),
        org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat(GradientChoice.chunk(n100, 10, MACHINE)).isZero();
    assertThat(GradientChoice.chunk(n1000, 10, MACHINE)).isEqualTo(GradientChoice.AUTO_CHUNK);
    // the boundary: a quarter of the machine
    double bytes = GradientChoice.unrolledBytes(n1000, 10);
    assertThat(GradientChoice.chunk(n1000, 10, 4 * bytes * 1.01)).isZero();
    assertThat(GradientChoice.chunk(n1000, 10, 4 * bytes * 0.99)).isEqualTo(GradientChoice.AUTO_CHUNK);
    // unknown memory, or a sampler without a chunk graph: unrolled
    assertThat(GradientChoice.chunk(n1000, 10, 0)).isZero();
    RunConfig langevin = new RunConfig(new ComponentChoice("langevin", n1000.sampler().params()), n1000.divergence(),
        n1000.schedule(), n1000.target(), n1000.train(), n1000.eval(), n1000.seed(), n1000.precision(), 1, 2);
    assertThat(GradientChoice.chunk(langevin, 10, MACHINE)).isZero();
    // the bridge's two networks and d Jacobian tangents: 12× the network activations, two graphs
    RunConfig bridge100 = new RunConfig(new ComponentChoice("bridge", n100.sampler().params()), n100.divergence(),
        n100.schedule(), n100.target(), n100.train(), n100.eval(), n100.seed(), n100.precision(), 1, 2);
    assertThat(GradientChoice.unrolledBytes(bridge100, 10)).isCloseTo(100 * (1024 * (768 * 12 + 40) * 4 + 7e6),
        org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat(GradientChoice.chunk(bridge100, 10, MACHINE)).isZero();
    RunConfig bridge = new RunConfig(new ComponentChoice("bridge", n1000.sampler().params()), n1000.divergence(),
        n1000.schedule(), n1000.target(), n1000.train(), n1000.eval(), n1000.seed(), n1000.precision(), 1, 2);
    assertThat(GradientChoice.chunk(bridge, 10, MACHINE)).isEqualTo(GradientChoice.AUTO_CHUNK);
    RunConfig dds = new RunConfig(new ComponentChoice("dds", n1000.sampler().params()), n1000.divergence(),
        n1000.schedule(), n1000.target(), n1000.train(), n1000.eval(), n1000.seed(), n1000.precision(), 1, 2);
    assertThat(GradientChoice.chunk(dds, 10, MACHINE)).isEqualTo(GradientChoice.AUTO_CHUNK);
  }

  @Test
  void explicitValuesAreKeptAndBelowMinusOneIsRefusedNamingTheKey() {
    assertThat(GradientChoice.chunk(cfg("train.timesteps=1000", "train.gradientChunk=0"), 10, MACHINE)).isZero();
    assertThat(GradientChoice.chunk(cfg("train.gradientChunk=7"), 10, MACHINE)).isEqualTo(7);
    assertThatThrownBy(() -> cfg("train.gradientChunk=-2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.gradientChunk")
        .hasMessageContaining("-1 = auto");
  }
}
