package dev.pathspace.experiments.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.cli.CliContext;
import dev.pathspace.experiments.cli.EngineBackend;
import dev.pathspace.experiments.cli.Main;
import dev.pathspace.experiments.compose.PluginRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plug-in template as a researcher uses it: {@code examples/plugin} is built by its own Maven project
 * (outside this reactor, against the pathspace-api and pathspace-testkit this build installed, running
 * its contract tests), then loaded with {@code --plugin} and with {@code PATHSPACE_PLUGINS}: its
 * components appear in {@code list}, each trains in a tiny {@code run}, the run's {@code provenance.json}
 * records the jar, {@code rerun} finds it again without {@code --plugin}, and a moved jar or a jar given
 * twice is refused with one clear line. Runs in the integration-test phase of {@code mvn install} (the
 * README's test command); after a plain {@code mvn verify} the installed api may be stale, so it is then
 * skipped — except with {@code CI=true}, where it must run.
 */
class ExamplePluginIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static Path jar;

  @TempDir Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void buildThePluginOutsideTheReactor() throws Exception {
    String version = System.getProperty("pathspace.version", "0.1.0-SNAPSHOT");
    Path repo = Path.of(System.getProperty("pathspace.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    Path installed = repo.resolve("dev/pathspace/pathspace-api/" + version + "/pathspace-api-" + version + ".jar");
    Path built = REPO.resolve("api/target/pathspace-api-" + version + ".jar");
    boolean fresh = Files.isRegularFile(installed) && Files.isRegularFile(built)
        && PluginLoader.sha256(installed).equals(PluginLoader.sha256(built));
    if (!fresh) {
      String why = "ExamplePluginIT needs the api this build installed (run 'mvn install'); " + installed
          + (Files.isRegularFile(installed) ? " differs from " + built : " is missing");
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    Path log = Path.of("target", "example-plugin-build.log").toAbsolutePath();
    Process p = new ProcessBuilder("mvn", "-B", "-o", "-q", "-Dmaven.repo.local=" + repo,
        "-Dpathspace.version=" + version, "-f", REPO.resolve("examples/plugin/pom.xml").toString(), "package")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(15, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("examples/plugin built within 15 minutes; log " + log).isTrue();
    assertThat(p.exitValue()).as("examples/plugin build (with its contract tests):%n%s",
        Files.readString(log, StandardCharsets.UTF_8)).isZero();
    jar = REPO.resolve("examples/plugin/target/pathspace-example-plugin-1.0.0.jar");
    assertThat(jar).isRegularFile();
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), PluginRegistry::discover, new EngineBackend(),
        work, Clock.systemUTC(), false).withEnv(env);
    return Main.run(args, ctx);
  }

  private static final String[] TINY = {"train.steps=5", "train.batch=16", "train.timesteps=5", "eval.batch=64",
      "eval.chunk=64", "eval.referenceSamples=64", "train.logEvery=1", "train.checkpointEvery=5"};

  private String[] runArgs(String out, String... overrides) {
    List<String> a = new ArrayList<>(List.of("run", "--plugin", jar.toString(), "--out", out));
    a.addAll(List.of(TINY));
    a.addAll(List.of(overrides));
    return a.toArray(String[]::new);
  }

  @Test
  void listedThroughTheOptionAndTheEnvironmentVariable() {
    assertThat(run(Map.of(), "list", "--plugin", jar.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("renyi").contains("banana");
    assertThat(run(Map.of(PluginLoader.ENV, jar.toString()), "list")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("renyi").contains("banana");
    assertThat(run(Map.of(), "list")).isZero();
    assertThat(out.toString()).doesNotContain("renyi");
  }

  @Test
  void eachComponentTrainsAndTheRunRecordsAndFindsItsPlugin() throws IOException {
    assertThat(run(Map.of(), runArgs("div", "divergence=renyi", "target=gaussian", "target.dim=1")))
        .as(err.toString()).isZero();
    assertThat(run(Map.of(), runArgs("tgt", "target=banana", "divergence=log-variance"))).as(err.toString()).isZero();
    JsonNode prov = new ObjectMapper().readTree(work.resolve("tgt/provenance.json").toFile());
    JsonNode p = prov.path("plugins").get(0);
    assertThat(p.path("path").asText()).isEqualTo(jar.toString());
    assertThat(p.path("sha256").asText()).isEqualTo(PluginLoader.sha256(jar));
    assertThat(p.path("size").asLong()).isEqualTo(Files.size(jar));
    assertThat(p.path("registers").toString()).contains("divergence:renyi").contains("target:banana");
    JsonNode summary = new ObjectMapper().readTree(work.resolve("tgt/summary.json").toFile());
    assertThat(summary.path("target").asText()).isEqualTo("banana");
    assertThat(summary.path("log_z_true").asDouble()).isCloseTo(Math.log(2 * Math.PI * 2.0), org.assertj.core.data.Offset.offset(1e-9));

    // rerun without --plugin: the recorded jar is found again
    assertThat(run(Map.of(), "rerun", "tgt", "--out", "again")).as(err.toString()).isZero();
    assertThat(work.resolve("again/summary.json")).isRegularFile();
  }

  @Test
  void aMovedJarAndAJarGivenTwiceAreRefusedClearly() throws IOException {
    Path copy = work.resolve("copy.jar");
    Files.copy(jar, copy);
    assertThat(run(Map.of(), "run", "--plugin", copy.toString(), "--out", "r", "target=banana", TINY[0], TINY[1],
        TINY[2], TINY[3], TINY[4], TINY[5])).as(err.toString()).isZero();
    Files.delete(copy);
    assertThat(run(Map.of(), "rerun", "r", "--out", "r2")).isEqualTo(2);
    assertThat(err.toString()).contains("was made with the plug-in " + copy).contains("target:banana")
        .contains("--plugin PATH").doesNotContain("Exception");
    Files.copy(jar, copy);
    assertThat(run(Map.of(), "list", "--plugin", jar.toString(), "--plugin", copy.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is registered twice").doesNotContain("Exception");
  }
}
