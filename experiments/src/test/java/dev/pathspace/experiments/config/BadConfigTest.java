package dev.pathspace.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.fakes.Fakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table of invalid configurations (overrides and/or a YAML overlay), each with the fragments its error
 * message must contain: the offending key/value and the valid options. Resolution + composition must fail
 * with a {@link ConfigException} before any TF graph exists.
 */
class BadConfigTest {
  private static PluginRegistry registry;

  @BeforeAll
  static void setUp() {
    registry = Fakes.registry();
  }

  /** One case: overlay YAML (null = none), overrides, expected message fragments. */
  static Stream<Arguments> cases() {
    return Stream.of(
        c(null, "divergence=foo", "Unknown divergence 'foo'; valid options: [log-variance, moment, reverse-kl]"),
        c(null, "sampler=dds", "Unknown sampler 'dds'; valid options: [dis, pis]"),
        c(null, "schedule=cosine", "Unknown schedule 'cosine'; valid options: [auto, brownian, vp]"),
        c(null, "target=funnel", "Unknown target 'funnel'; valid options: [gmm]"),
        c(null, "jit=maybe", "Invalid value 'maybe' for jit: expected a boolean (true/false)"),
        c(null, "device=tpu", "Invalid value 'tpu' for device; valid options: [cpu, gpu, auto]"),
        c(null, "samplr=dis", "Unknown key 'samplr'", "valid keys: [device, divergence, eval, graphOptimization, jit, precision, sampler,"),
        c(null, "train.stpes=5", "Unknown key 'train.stpes'", "train.steps", "train.batch", "train.lr"),
        c(null, "eval.batchsize=5", "Unknown key 'eval.batchsize'",
            "[eval.batch, eval.chunk, eval.controlError, eval.curveBatch, eval.curveSinkhorn, eval.every, eval.referenceSamples]"),
        c(null, "eval.every=-1", "Invalid value '-1' for eval.every: must be >= 0 (0 = no learning curve)"),
        c(null, "eval.every=often", "eval.every", "often"),
        c(null, "eval.curveBatch=1", "Invalid value '1' for eval.curveBatch: must be >= 2"),
        c(null, "eval.curveSinkhorn=maybe", "eval.curveSinkhorn", "maybe"),
        c(null, "sampler.widht=3",
            "Unknown key 'sampler.widht' for sampler 'dis'; valid keys: [sampler.clip, sampler.depth, sampler.width]"),
        c(null, "schedule.beta=3", "Unknown key 'schedule.beta' for schedule 'vp'",
            "default of sampler 'dis'", "[schedule.betaMax, schedule.betaMin, schedule.terminalTime]"),
        c(null, "train.steps=abc", "Invalid value 'abc' for train.steps: expected an integer"),
        c(null, "train.lr=fast", "Invalid value 'fast' for train.lr: expected a number"),
        c(null, "train.scaleLossByDim=maybe", "Invalid value 'maybe' for train.scaleLossByDim: expected a boolean"),
        c(null, "sampler.width=2.5", "Invalid value '2.5' for sampler.width: expected an integer"),
        c(null, "target.layout=hex", "Invalid value 'hex' for target.layout: expected one of [RING, GRID]"),
        c(null, "target.weights=x", "Invalid value 'x' for target.weights: expected a list of numbers"),
        c(null, "train.steps=0", "Invalid value '0' for train.steps: must be > 0"),
        c(null, "train.batch=-4", "Invalid value '-4' for train.batch: must be > 0"),
        c(null, "train.timesteps=0", "train.timesteps", "must be > 0"),
        c(null, "eval.batch=0", "Invalid value '0' for eval.batch: must be > 0"),
        c(null, "eval.chunk=0", "Invalid value '0' for eval.chunk: must be > 0"),
        c(null, "train.lr=0", "Invalid value '0.0' for train.lr: must be > 0"),
        c(null, "train.lr=-1e-3", "for train.lr: must be > 0"),
        c(null, "precision=float16", "Invalid value 'float16' for precision; valid options: [float32, float64]"),
        c(null, "seed=one", "Invalid value 'one' for seed: expected an integer"),
        c(null, "threads.intra=-1", "threads.intra", "must be >= 0"),
        c(null, "divergence", "Malformed override 'divergence': expected key=value"),
        c(null, "=moment", "Malformed override '=moment'"),
        c(null, "target.dim=0", "target: dim must be >= 1 (got 0)"),
        c(null, "target.layout=grid target.dim=3", "target: dim must be 2 for layout grid (got 3)"),
        c(null, "schedule.betaMax=0.01", "schedule: betaMax must be > betaMin"),
        c(null, "sampler.width=0", "sampler: width must be >= 1 (got 0)"),
        c(null, "target.dim=11", "sampler 'dis' supports target.dim <= 10 (got 11)"),
        c(null, "sampler=pis schedule=vp", "sampler 'pis' needs a drift-free schedule", "valid options: [brownian]"),
        c("sampler: {type: dis, widht: 3}\n", "", "Unknown key 'sampler.widht' for sampler 'dis'"),
        c("train: {stpes: 3}\n", "", "Unknown key 'train.stpes'", "in config file"),
        c("train: 5\n", "", "Invalid value '5' for train: expected a mapping", "train.steps"),
        c("foo: 1\n", "", "Unknown key 'foo'", "valid keys: [device, divergence, eval,"),
        c("divergence: bogus\n", "", "Unknown divergence 'bogus'; valid options: [log-variance, moment, reverse-kl]"),
        c("sampler: {type: [1, 2]}\n", "", "Invalid value '[1,2]' for sampler"),
        c("train: {steps: 10\n", "", "Cannot parse config file", "overlay.yaml"),
        c("- a\n- b\n", "", "expected a mapping of config keys at the top level"),
        // issue 9: silent YAML problems, near misses, non-finite numbers
        c("train:\n  steps: 3\n  steps: 5\n", "", "overlay.yaml:3: duplicate key 'train.steps'"),
        c("seed: 1\nseed: 2\n", "", "overlay.yaml:2: duplicate key 'seed'"),
        c("train: {steps: 3}\n---\ntrain: {steps: 5}\n", "", "overlay.yaml:3: a second YAML document"),
        c(null, "train.stpes=5", "did you mean 'train.steps'?"),
        c(null, "sampler.widht=3", "did you mean 'sampler.width'?"),
        c(null, "trian.steps=3", "Unknown key 'trian.steps'", "did you mean 'train.steps'?"),
        c(null, "divergence=momnet", "Unknown divergence 'momnet'", "did you mean 'moment'?"),
        c(null, "train.lr=inf", "Invalid value 'Infinity' for train.lr: must be finite"),
        c(null, "train.lrFinalFactor=-inf", "for train.lrFinalFactor: must be finite"));
  }

  private static Arguments c(String yaml, String overrides, String... fragments) {
    List<String> o = overrides.isBlank() ? List.of() : Arrays.asList(overrides.split(" "));
    return Arguments.of(yaml, o, List.of(fragments));
  }

  @ParameterizedTest(name = "[{index}] {1} {0}")
  @MethodSource("cases")
  void rejected(String yaml, List<String> overrides, List<String> fragments, @TempDir Path dir)
      throws Exception {
    Path file = null;
    if (yaml != null) {
      file = dir.resolve("overlay.yaml");
      Files.writeString(file, yaml);
    }
    Path f = file;
    assertThatThrownBy(() -> new RunPlanner(registry).plan(f, overrides))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> {
          for (String frag : fragments) {
            assertThat(e.getMessage()).contains(frag);
          }
        });
  }

  @Test
  void missingConfigFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> new RunPlanner(registry).plan(missing, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("does not exist");
  }

  @Test
  void farFromEveryKeyGetsNoSuggestion() {
    assertThatThrownBy(() -> new RunPlanner(registry).plan(null, List.of("train.zzzzzzzz=1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown key 'train.zzzzzzzz'")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void tableIsLargeEnough() {
    assertThat(cases().count()).isGreaterThanOrEqualTo(15);
  }
}
