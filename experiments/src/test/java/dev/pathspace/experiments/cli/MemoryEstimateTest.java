package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.fakes.Fakes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory check before any graph: known sizes, refusals naming the key, nothing written. */
class MemoryEstimateTest {
  @TempDir Path work;

  private static RunConfig cfg(String... overrides) {
    return new RunPlanner(Fakes.registry()).config(null, List.of(overrides));
  }

  private static double term(MemoryEstimate e, String what) {
    return e.terms().stream().filter(t -> t.what().equals(what)).findFirst().orElseThrow().bytes();
  }

  @Test
  void activationsMatchTheMeasuredFullUnrollAndPeakRssIsBoundedFromAbove() {
    // docs/performance.md: funnel d=10, B=1024, H=128, full unroll: activations ≈ B·H·N·6 floats ≈ 1.2 GB at N=400
    MemoryEstimate e400 = MemoryEstimate.of(cfg("train.batch=1024", "sampler.width=128", "sampler.depth=2", "train.timesteps=400"), 10);
    assertThat(term(e400, "training activations")).isBetween(1.2e9 * 0.9, 1.2e9 * 1.15);
    // measured peak RSS 891 / 1445 / 2431 MB at N = 100 / 200 / 400: the estimate is an upper bound within 2x
    double[][] measured = {{100, 891e6}, {200, 1445e6}, {400, 2431e6}};
    for (double[] m : measured) {
      MemoryEstimate e = MemoryEstimate.of(cfg("train.batch=1024", "sampler.width=128", "sampler.depth=2",
          "train.timesteps=" + (int) m[0]), 10);
      assertThat(e.nativeBytes()).as("N=%s", m[0]).isBetween(m[1], 2 * m[1]);
    }
    // chunking keeps one chunk of activations plus the states
    MemoryEstimate chunked = MemoryEstimate.of(cfg("train.batch=1024", "sampler.width=128", "sampler.depth=2", "train.timesteps=400",
        "train.gradientChunk=25"), 10);
    assertThat(term(chunked, "training activations")).isCloseTo(term(e400, "training activations") / 16,
        org.assertj.core.data.Percentage.withPercentage(1e-6));
    // DIS has a chunk graph: the states at the 16 chunk boundaries, and a graph of 25 steps
    assertThat(term(chunked, "stored training states")).isEqualTo(1024.0 * 16 * 10 * 4);
    assertThat(term(chunked, "graph")).isEqualTo(MemoryEstimate.GRAPH_BYTES_PER_STEP * 25 + MemoryEstimate.RUNTIME_BYTES);
    // DDS and the bridge have one too
    RunConfig c = cfg("train.batch=1024", "sampler.width=128", "train.timesteps=400", "train.gradientChunk=25");
    RunConfig ddsCfg = new RunConfig(new dev.pathspace.experiments.config.ComponentChoice("dds", c.sampler().params()),
        c.divergence(), c.schedule(), c.target(), c.train(), c.eval(), c.seed(), c.precision(), 1, 2);
    MemoryEstimate dds = MemoryEstimate.of(ddsCfg, 10);
    assertThat(term(dds, "stored training states")).isEqualTo(1024.0 * 16 * 10 * 4);
    assertThat(term(dds, "graph")).isEqualTo(MemoryEstimate.GRAPH_BYTES_PER_STEP * 25 + MemoryEstimate.RUNTIME_BYTES);
    RunConfig bridgeCfg = new RunConfig(
        new dev.pathspace.experiments.config.ComponentChoice("bridge", c.sampler().params()),
        c.divergence(), c.schedule(), c.target(), c.train(), c.eval(), c.seed(), c.precision(), 1, 2);
    MemoryEstimate bridge = MemoryEstimate.of(bridgeCfg, 10);
    assertThat(term(bridge, "stored training states")).isEqualTo(1024.0 * 16 * 10 * 4);
    assertThat(term(bridge, "graph")).isEqualTo(MemoryEstimate.GRAPH_BYTES_PER_STEP * 25 + MemoryEstimate.RUNTIME_BYTES);
    // a sampler without a chunk graph stores every state and unrolls its graph
    RunConfig langevinCfg = new RunConfig(
        new dev.pathspace.experiments.config.ComponentChoice("langevin", c.sampler().params()),
        c.divergence(), c.schedule(), c.target(), c.train(), c.eval(), c.seed(), c.precision(), 1, 2);
    MemoryEstimate langevin = MemoryEstimate.of(langevinCfg, 10);
    assertThat(term(langevin, "stored training states")).isEqualTo(1024.0 * 400 * 10 * 4);
    assertThat(term(langevin, "graph")).isEqualTo(MemoryEstimate.GRAPH_BYTES_PER_STEP * 400 + MemoryEstimate.RUNTIME_BYTES);
  }

  @Test
  void hugeBatchesAndWidthsAreRefusedNamingTheKeyToLower() {
    double physical = 24e9;
    double heap = 1e9;
    assertThatThrownBy(() -> MemoryEstimate.of(cfg("train.batch=100000000"), 2).check(physical, heap))
        .isInstanceOf(ConfigException.class)
        // B·N·(3·depth·H + 4·d)·4 bytes = 1e8·100·(3·3·64 + 8)·4 (the fake dis has depth 3)
        .hasMessageContaining("This run needs an estimated 23.4 TB of memory (training activations: 23.4 TB)")
        .hasMessageContaining("more than 80% of this machine's 24.0 GB; lower train.batch");
    assertThatThrownBy(() -> MemoryEstimate.of(cfg("sampler.width=100000"), 2).check(physical, heap))
        .hasMessageContaining("network parameters").hasMessageEndingWith("lower sampler.width");
    assertThatThrownBy(() -> MemoryEstimate.of(cfg("eval.batch=100000000", "eval.chunk=1000"), 2)
        .check(physical, heap)).hasMessageContaining("of Java heap").hasMessageContaining("lower eval.batch");
    assertThatCode(() -> MemoryEstimate.of(cfg(), 2).check(physical, heap)).doesNotThrowAnyException();
  }

  @Test
  void theCliRefusesBeforeCreatingAnything() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Fakes::registry, new FakeBackend(), work,
        Clock.systemUTC(), false);
    assertThat(Main.run(new String[] {"run", "train.batch=100000000"}, ctx)).isEqualTo(2);
    assertThat(Main.run(new String[] {"run", "--out", "w", "sampler.width=100000"}, ctx)).isEqualTo(2);
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(e).contains("lower train.batch").contains("lower sampler.width").doesNotContain("\tat ");
    assertThat(work.resolve("runs")).doesNotExist();
    assertThat(work.resolve("w")).doesNotExist();
  }
}
