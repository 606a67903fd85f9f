package dev.pathspace.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.fakes.Fakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layering defaults → --config overlay → key=value, type switches, value parsing and the YAML round trip. */
class ConfigLayeringTest {
  private static PluginRegistry registry;
  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    registry = Fakes.registry();
  }

  private RunConfig resolve(String yaml, String... overrides) throws Exception {
    Path f = null;
    if (yaml != null) {
      f = dir.resolve("c.yaml");
      Files.writeString(f, yaml);
    }
    return new RunPlanner(registry).config(f, List.of(overrides));
  }

  @Test
  void learningCurveKeysResolveAndAreNotPartOfTheFingerprint() throws Exception {
    RunConfig plain = resolve(null);
    RunConfig curve = resolve(null, "eval.every=500", "eval.curveBatch=1000", "eval.curveSinkhorn=true");
    assertThat(curve.eval()).isEqualTo(new EvalSettings(20000, 10000, 10000, true, 500, 1000, true));
    assertThat(ConfigYaml.write(curve)).contains("every: 500").isNotEqualTo(ConfigYaml.write(plain));
    assertThat(ConfigYaml.fingerprint(curve)).isEqualTo(ConfigYaml.fingerprint(plain));
    assertThat(ConfigYaml.fingerprint(resolve(null, "eval.batch=1000")))
        .isNotEqualTo(ConfigYaml.fingerprint(plain)); // the other eval keys still are
  }

  @Test
  void noLossThresholdKeepsTheFingerprintOfRunsFromBeforeTheMaxLossKeys() throws Exception {
    RunConfig plain = resolve(null);
    assertThat(ConfigYaml.write(plain)).contains("maxLoss");
    // the config.yaml of a run written before train.maxLoss existed: the same tree without the two keys
    java.util.Map<String, Object> before = ConfigYaml.toTree(plain);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> train = (java.util.Map<String, Object>) before.get("train");
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> eval = (java.util.Map<String, Object>) before.get("eval");
    assertThat(train.remove("maxLoss")).isEqualTo(0.0);
    assertThat(train.remove("maxLossSchedule")).isNotNull();
    ConfigYaml.CURVE_KEYS.forEach(eval::remove);
    String text = "# pathspace resolved configuration; rerun with: pathspace run --config config.yaml\n"
        + ConfigYaml.mapper().writeValueAsString(before);
    assertThat(ConfigYaml.fingerprint(plain)).isEqualTo(ConfigYaml.fingerprintOf(text));
    assertThat(ConfigYaml.fingerprint(resolve(null, "train.maxLoss=1e10")))
        .isNotEqualTo(ConfigYaml.fingerprint(plain)); // a threshold is a different experiment
  }

  @Test
  void defaultsResolveWithAllParamsAndAutoSchedule() throws Exception {
    RunConfig c = resolve(null);
    assertThat(c.sampler().type()).isEqualTo("dis");
    assertThat(c.sampler().params()).containsExactly(
        org.assertj.core.api.Assertions.entry("width", 64),
        org.assertj.core.api.Assertions.entry("depth", 3),
        org.assertj.core.api.Assertions.entry("clip", 10.0));
    assertThat(c.divergence().type()).isEqualTo("log-variance");
    assertThat(c.schedule().type()).isEqualTo("vp"); // auto → FakeSampler.defaultSchedule()
    assertThat(c.schedule().params()).containsEntry("betaMax", 10.0);
    assertThat(c.target().params()).containsEntry("layout", "RING").containsEntry("weights", List.of());
    assertThat(c.train()).isEqualTo(new TrainSettings(2000, 512, 100, 0.005, 0.1, 1.0, 0.0, true, 50, 100, 0, 500));
    assertThat(c.eval()).isEqualTo(new EvalSettings(20000, 10000, 10000));
    assertThat(c.seed()).isEqualTo(1L);
    assertThat(c.precision()).isEqualTo("float32");
    assertThat(c.intraThreads()).isEqualTo(1);
    assertThat(c.interThreads()).isEqualTo(2);
  }

  @Test
  void overridesParseYamlScalarsAndSequences() throws Exception {
    RunConfig c = resolve(null, "train.lr=1e-3", "train.steps=1e3", "train.scaleLossByDim=false",
        "target.weights=[1, 2.5]", "target.layout=grid", "divergence=moment", "divergence.lrScale=0.5",
        "seed=42", "precision=float64", "threads.intra=0", "sampler.clip=.inf");
    assertThat(c.train().lr()).isEqualTo(1e-3);
    assertThat(c.train().steps()).isEqualTo(1000);
    assertThat(c.train().scaleLossByDim()).isFalse();
    assertThat(c.target().params()).containsEntry("weights", List.of(1.0, 2.5)).containsEntry("layout", "GRID");
    assertThat(c.divergence().params()).containsEntry("lrScale", 0.5).containsEntry("learnOffset", true);
    assertThat(c.seed()).isEqualTo(42L);
    assertThat(c.precision()).isEqualTo("float64");
    assertThat(c.intraThreads()).isZero();
    assertThat(c.sampler().params()).containsEntry("clip", Double.POSITIVE_INFINITY);
  }

  @Test
  void overlayAcceptsBareSlotStringsAndNestedGroups() throws Exception {
    RunConfig c = resolve("divergence: moment\ntrain: {steps: 7}\nthreads:\n  inter: 4\n", "train.batch=8");
    assertThat(c.divergence().type()).isEqualTo("moment");
    assertThat(c.train().steps()).isEqualTo(7);
    assertThat(c.train().batch()).isEqualTo(8);
    assertThat(c.train().lr()).isEqualTo(0.005); // untouched default
    assertThat(c.interThreads()).isEqualTo(4);
  }

  @Test
  void overridesBeatTheOverlay() throws Exception {
    RunConfig c = resolve("train: {steps: 7}\nsampler: {type: dis, width: 5}\n", "train.steps=9", "sampler.width=6");
    assertThat(c.train().steps()).isEqualTo(9);
    assertThat(c.sampler().params()).containsEntry("width", 6);
  }

  @Test
  void typeSwitchInHigherLayerDropsLowerLayerParams() throws Exception {
    // the overlay's width belongs to 'dis'; switching to 'pis' on the command line drops it
    RunConfig c = resolve("sampler: {type: dis, width: 7}\n", "sampler=pis");
    assertThat(c.sampler().type()).isEqualTo("pis");
    assertThat(c.sampler().params()).containsEntry("width", 32); // pis default, not 7
    assertThat(c.schedule().type()).isEqualTo("brownian"); // auto follows the new sampler
  }

  @Test
  void paramsInSameOrHigherLayerSurviveATypeSwitch() throws Exception {
    RunConfig same = resolve(null, "sampler.width=9", "sampler=pis");
    assertThat(same.sampler().params()).containsEntry("width", 9);
    RunConfig higher = resolve("sampler: pis\n", "sampler.width=5");
    assertThat(higher.sampler().params()).containsEntry("width", 5);
    RunConfig sameType = resolve("sampler: {type: dis, width: 7}\n", "sampler=dis");
    assertThat(sameType.sampler().params()).containsEntry("width", 7); // not a change of type
  }

  @Test
  void autoScheduleKeepsItsParamsForTheResolvedType() throws Exception {
    RunConfig c = resolve(null, "schedule.betaMax=20");
    assertThat(c.schedule().type()).isEqualTo("vp");
    assertThat(c.schedule().params()).containsEntry("betaMax", 20.0).containsEntry("betaMin", 0.1);
    RunConfig explicit = resolve(null, "sampler=pis", "schedule=vp");
    assertThat(explicit.schedule().type()).isEqualTo("vp");
  }

  @Test
  void writtenConfigYamlRoundTrips() throws Exception {
    RunConfig c = resolve("divergence: {type: moment, initLogZ: -1.5}\n", "sampler=pis", "sampler.sigma=0.25",
        "schedule=brownian", "target.weights=[0.5, 0.5]", "target.layout=grid", "train.steps=123",
        "train.lr=3e-4", "eval.chunk=77", "seed=9", "precision=float64", "threads.inter=0");
    String yaml = ConfigYaml.write(c);
    Path written = dir.resolve("config.yaml");
    Files.writeString(written, yaml);
    RunConfig again = new RunPlanner(registry).config(written, List.of());
    assertThat(again).isEqualTo(c);
    assertThat(yaml).contains("type: pis").contains("lrScale: 0.1").doesNotContain("type: auto").contains("device: auto");
    // and the defaults also round-trip (schedule auto resolved to the concrete type)
    RunConfig d = resolve(null);
    Files.writeString(written, ConfigYaml.write(d));
    assertThat(new RunPlanner(registry).config(written, List.of())).isEqualTo(d);
  }
}
