package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.config.Presets;
import dev.pathspace.experiments.config.RunConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
  void disPaperPresetIsTheReferenceSetting() {
    assertThat(Presets.names()).contains("dis-paper", "smoke");
    RunConfig c = new RunPlanner(PluginRegistry.discover()).plan(List.of("dis-paper"), null, List.of(List.of())).config();
    assertThat(c.sampler().type()).isEqualTo("dis");
    assertThat(c.sampler().params()).containsEntry("clipModel", 10.0).containsEntry("activation", "gelu");
    assertThat(c.schedule().type()).isEqualTo("vp-linear");
    assertThat(c.schedule().params()).containsEntry("betaMax", 10.0).containsEntry("betaMin", 0.1);
    assertThat(c.train().timesteps()).isEqualTo(200);
    assertThat(c.train().steps()).isEqualTo(60000);
    assertThat(c.train().lrFinalFactor()).isEqualTo(0.02);
    assertThat(c.eval().batch()).isEqualTo(100000);
    assertThat(Presets.about("dis-paper")).contains("Not reproduced");
  }
}
