package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.config.Presets;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.sweep.SweepPlan;
import dev.pathspace.experiments.sweep.SweepPoint;
import dev.pathspace.experiments.sweep.SweepSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example sweep and presets resolve against the real registries (no training). */
class ExampleFilesTest {
  @TempDir Path work;

  @Test
  void exampleSweepValidatesAndShardsIntoFourDisjointSlices() throws Exception {
    Path sweep = Path.of("../examples/sweeps/divergence-ablation.yaml").toAbsolutePath();
    int total = 0;
    for (int i = 0; i < 4; i++) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CliContext ctx = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), PluginRegistry::discover, new FakeBackend(), work,
          Clock.systemUTC(), false).withEnv(Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(i),
          "SLURM_ARRAY_TASK_COUNT", "4"));
      assertThat(Main.run(new String[] {"sweep", sweep.toString(), "--dry-run", "--out", "root"}, ctx))
          .as(err.toString()).isZero();
      String e = err.toString(StandardCharsets.UTF_8);
      assertThat(e).contains("36 points, shard " + i + " of 4 (Slurm job array): 9 points");
      total += (int) e.lines().filter(l -> l.endsWith(": would run")).count();
    }
    assertThat(total).isEqualTo(36);
    assertThat(Files.readString(work.resolve("root/sweep-manifest.json")))
        .contains("\"dir\" : \"sampler=bridge_divergence=moment_seed=3\"");
  }

  @Test
  void aShardWhosePointsSetDifferentThreadCountsIsWarned() throws Exception {
    Files.writeString(work.resolve("threads.yaml"), "base: {target: gmm}\ngrid: {threads.intra: [1, 2], seed: [1]}\n");
    Files.writeString(work.resolve("same.yaml"), "base: {target: gmm, threads.intra: 1}\ngrid: {seed: [1, 2]}\n");
    for (String f : List.of("threads.yaml", "same.yaml")) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CliContext ctx = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), PluginRegistry::discover, new FakeBackend(), work,
          Clock.systemUTC(), false);
      assertThat(Main.run(new String[] {"sweep", f, "--dry-run", "--out", "root-" + f}, ctx)).as(err.toString()).isZero();
      String e = err.toString(StandardCharsets.UTF_8);
      if (f.equals("threads.yaml")) {
        assertThat(e).contains("warning: this shard's points set different thread counts [intra 1 / inter 2, intra 2 / inter 2]");
      } else {
        assertThat(e).doesNotContain("thread counts");
      }
    }
  }

  @Test
  void reproductionSweepsRunTheBridgeWithPlainLogVariance() {
    for (String file : List.of("reproduction-cpu.yaml", "reproduction.yaml")) {
      SweepSpec spec = SweepSpec.read(Path.of("../examples/sweeps/" + file).toAbsolutePath());
      List<SweepPoint> points = SweepPlan.expand(spec);
      assertThat(points).hasSize(160);
      RunPlanner planner = new RunPlanner(PluginRegistry.discover());
      for (SweepPoint p : points) {
        SweepSpec.Resolved r = spec.resolve(p);
        List<List<String>> layers = new ArrayList<>();
        layers.add(spec.base());
        layers.addAll(r.layers());
        RunConfig c = planner.plan(r.presets(), null, layers).config();
        boolean lv = p.overrides().contains("loss=lv");
        String expected = !lv ? "reverse-kl"
            : p.overrides().contains("sampler=bridge") ? "log-variance" : "log-variance-traj";
        assertThat(c.divergence().type()).as(file + " " + p.name()).isEqualTo(expected);
        if (expected.equals("log-variance")) { // same trajectory count as the lv_traj points, no traj keys
          assertThat(c.divergence().params()).as(p.name()).doesNotContainKey("trajectoriesPerSample");
          assertThat(c.train().batch()).isEqualTo(file.equals("reproduction.yaml") ? 2048 : 256);
        }
      }
    }
  }

  @Test
  void refDisPresetIsTheReferenceSetting() {
    assertThat(Presets.names()).contains("ref-dis", "smoke");
    RunConfig c = new RunPlanner(PluginRegistry.discover()).plan(List.of("ref-dis"), null, List.of(List.of())).config();
    assertThat(c.sampler().type()).isEqualTo("dis");
    assertThat(c.sampler().params()).containsEntry("clipModel", 10.0).containsEntry("activation", "gelu");
    assertThat(c.schedule().type()).isEqualTo("vp-linear");
    assertThat(c.schedule().params()).containsEntry("betaMax", 10.0).containsEntry("betaMin", 0.1);
    assertThat(c.train().timesteps()).isEqualTo(200);
    assertThat(c.train().steps()).isEqualTo(60000);
    assertThat(c.train().lrFinalFactor()).isEqualTo(0.02);
    assertThat(c.eval().batch()).isEqualTo(100000);
    assertThat(Presets.about("ref-dis")).contains("Not reproduced");
  }
}
