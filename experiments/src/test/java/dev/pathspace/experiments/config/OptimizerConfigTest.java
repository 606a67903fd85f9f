package dev.pathspace.experiments.config;

import dev.pathspace.experiments.compose.RunPlanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.fakes.Fakes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composable-optimiser keys resolve from overrides and YAML, default to today's behaviour, and fail clearly. */
class OptimizerConfigTest {
  private static PluginRegistry registry;

  @BeforeAll
  static void setUp() {
    registry = Fakes.registry();
  }

  private static TrainSettings resolve(String... overrides) {
    return new RunPlanner(registry).config(null, List.of(overrides)).train();
  }

  @Test
  void defaultsAreTodaysOptimizer() {
    TrainSettings t = resolve();
    assertThat(t.optimizer()).isEqualTo(TrainSettings.Optimizer.ADAM);
    assertThat(t.lrSchedule()).isEqualTo(TrainSettings.LrSchedule.GEOMETRIC);
    assertThat(t.weightDecay()).isZero();
    assertThat(t.emaDecay()).isZero();
    assertThat(t.emaStart()).isZero();
    assertThat(t.emaEvery()).isEqualTo(1);
    assertThat(t.emaWarmup()).isEqualTo(TrainSettings.EmaWarmup.NUM_UPDATES);
    assertThat(t.scalarSchedules()).isEmpty();
  }

  @Test
  void referenceSettingsFromOverrides() {
    TrainSettings t = resolve("train.steps=60000", "train.lrSchedule=step", "train.lrFinalFactor=0.02",
        "train.weightDecay=1e-7", "train.emaDecay=0.9999", "train.emaStart=58500", "train.emaEvery=5",
        "train.emaWarmup=power", "train.emaPower=0.9",
        "train.scalarSchedules={clipModel: {milestones: [200, 400], gamma: 5}}");
    assertThat(t.lrSchedule()).isEqualTo(TrainSettings.LrSchedule.STEP);
    assertThat(t.weightDecay()).isEqualTo(1e-7);
    assertThat(t.emaWarmup()).isEqualTo(TrainSettings.EmaWarmup.POWER);
    assertThat(t.scalarSchedules())
        .containsExactlyEntriesOf(Map.of("clipModel", new TrainSettings.ScalarSchedule(List.of(200, 400), 5.0)));
  }

  @Test
  void scalarSchedulesFromYaml(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "train:\n  lrSchedule: multi-step\n  lrMilestones: [1000]\n  lrGamma: 0.1\n"
        + "  scalarSchedules:\n    clipScore: {milestones: [200, 400], gamma: 5.0}\n");
    TrainSettings t = new RunPlanner(registry).config(f, List.of()).train();
    assertThat(t.lrSchedule()).isEqualTo(TrainSettings.LrSchedule.MULTI_STEP);
    assertThat(t.lrMilestones()).containsExactly(1000);
    assertThat(t.scalarSchedules().get("clipScore").milestones()).containsExactly(200, 400);
  }

  @Test
  void badValuesNameTheFullKeyAndTheOptions() {
    assertThatThrownBy(() -> resolve("train.lrSchedule=cosine"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Invalid value 'cosine' for train.lrSchedule")
        .hasMessageContaining("[constant, geometric, step, multi-step]");
    assertThatThrownBy(() -> resolve("train.emaWarmup=linear"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.emaWarmup")
        .hasMessageContaining("[num-updates, power]");
    assertThatThrownBy(() -> resolve("train.emaEvery=0"))
        .isInstanceOf(ConfigException.class).hasMessage("Invalid value '0' for train.emaEvery: must be > 0");
    assertThatThrownBy(() -> resolve("train.scalarSchedules={clipModel: {milestones: [400, 200], gamma: 5}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.scalarSchedules.clipModel.milestones");
    assertThatThrownBy(() -> resolve("train.scalarSchedules={clipModel: {gamma: 5}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.scalarSchedules.clipModel")
        .hasMessageContaining("milestones");
    assertThatThrownBy(() -> resolve("train.scalarSchedules={clipModel: {milestones: [2], gama: 5}}"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.scalarSchedules");
  }
}
