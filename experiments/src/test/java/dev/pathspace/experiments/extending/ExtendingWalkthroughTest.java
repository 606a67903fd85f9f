package dev.pathspace.experiments.extending;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import dev.pathspace.experiments.cli.CliContext;
import dev.pathspace.experiments.cli.EngineBackend;
import dev.pathspace.experiments.cli.Main;
import dev.pathspace.experiments.compose.PluginRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/extending.md as a test: the doc's code blocks are these test sources verbatim (checked here), and
 * the new divergence appears in {@code list}, trains in {@code run} (real engine, tiny sizes), and runs
 * through a two-point {@code sweep} and {@code collect} without any other change.
 */
class ExtendingWalkthroughTest {
  static final Path DOC = Path.of("../docs/extending.md");
  static final Path SOURCES = Path.of("src/test/java/dev/pathspace/experiments/extending");
  @TempDir Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static PluginRegistry registry() {
    List<Module> modules = new ArrayList<>();
    ServiceLoader.load(Module.class).forEach(modules::add); // the real plug-ins on the classpath
    modules.add(new HuberModule()); // the one binding of the walk-through
    return new PluginRegistry(modules);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(args, new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), ExtendingWalkthroughTest::registry, new EngineBackend(),
        work, Clock.systemUTC(), false));
  }

  @Test
  void docCodeBlocksAreTheTestSourcesVerbatim() throws Exception {
    String doc = Files.readString(DOC);
    Matcher m = Pattern.compile("<!-- file: ([A-Za-z]+\\.java) -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    Map<String, String> blocks = new LinkedHashMap<>();
    while (m.find()) {
      blocks.put(m.group(1), m.group(2));
    }
    assertThat(blocks.keySet()).containsExactly(
        "HuberLogVarianceDivergence.java", "HuberModule.java", "HuberLogVarianceDivergenceTest.java");
    for (var e : blocks.entrySet()) {
      assertThat(e.getValue()).as("docs/extending.md block for " + e.getKey())
          .isEqualTo(Files.readString(SOURCES.resolve(e.getKey())));
    }
  }

  @Test
  void newDivergenceAppearsInListRunSweepAndCollect() throws Exception {
    assertThat(run("list")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("log-variance-huber +log-variance with a Huber penalty")
        .containsPattern("divergence\\.delta +double +  = 10\\.0");

    String[] tiny = {"target=gaussian", "target.dim=1", "train.steps=3", "train.batch=16", "train.timesteps=5",
        "eval.batch=64", "eval.chunk=64", "eval.referenceSamples=50", "threads.inter=1"};
    List<String> runArgs = new ArrayList<>(List.of("run", "--out", "one", "divergence=log-variance-huber",
        "divergence.delta=2"));
    runArgs.addAll(List.of(tiny));
    assertThat(run(runArgs.toArray(String[]::new))).as(err.toString()).isZero();
    assertThat(Files.readString(work.resolve("one/summary.json"))).contains("\"divergence\" : \"log-variance-huber\"");
    assertThat(Files.readString(work.resolve("one/metrics.csv"))).startsWith("step,loss,lr,grad_norm,seconds,skipped,log_z_huber");

    StringBuilder sweep = new StringBuilder("base:\n");
    for (String t : tiny) {
      sweep.append("  - ").append(t).append('\n');
    }
    sweep.append("grid:\n  divergence: [log-variance-huber]\n  seed: [1, 2]\n");
    Files.writeString(work.resolve("huber.yaml"), sweep.toString());
    assertThat(run("sweep", "huber.yaml", "--out", "sw")).as(err.toString()).isZero();
    assertThat(work.resolve("sw/divergence=log-variance-huber_seed=2/summary.json")).isRegularFile();
    assertThat(run("collect", "sw")).as(err.toString()).isZero();
    assertThat(Files.readString(work.resolve("sw/results.csv"))).contains("log_z_error_mean");
    // one configuration (the divergence is the same in both points), two seeds
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("| seeds |").containsPattern("\\| 2 \\| ");
    assertThat(run("collect", "sw", "one", "--out", "both")).as(err.toString()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("| seed").contains("divergence.delta")
        .contains("| 2.0 |").contains("| 10.0 |");
  }
}
