package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.experiments.config.TrainSettings.LrSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each learning-rate schedule against its closed form, and the validation of the new keys. */
class LearningRateScheduleTest {
  private static final double LR = 5e-3;

  private static TrainSettings base(int steps, double finalFactor) {
    return new TrainSettings(steps, 8, 4, LR, finalFactor, 1.0, 0.0, true, 1, 1, 0, 0);
  }

  @Test
  void defaultIsTodaysGeometricDecayByLoopStep() {
    TrainSettings t = base(2000, 0.1);
    assertThat(t.lrSchedule()).isEqualTo(LrSchedule.GEOMETRIC);
    LearningRateSchedule s = LearningRateSchedule.of(t);
    assertThat(s.rate(1, 0)).isEqualTo(LR);
    assertThat(s.rate(2000, 1999)).isCloseTo(LR * 0.1, within(1e-18));
    assertThat(s.rate(1000, 999)).isEqualTo(LR * Math.pow(0.1, 999 / 1999.0));
    // by loop step: skipped steps (updates < step − 1) do not hold the decay back
    assertThat(s.rate(1000, 3)).isEqualTo(s.rate(1000, 999));
  }

  @Test
  void constant() {
    LearningRateSchedule s = LearningRateSchedule.of(base(100, 0.1).withOptimizer(LrSchedule.CONSTANT, 100, 0, List.of(), 0));
    assertThat(s.rate(1, 0)).isEqualTo(LR);
    assertThat(s.rate(100, 99)).isEqualTo(LR);
  }

  @Test
  void referenceStepLrWithGammaDerivedFromTheFinalFactor() {
    // the reference: StepLR(step_size=100, gamma=0.02 ** (100 / train_steps)), train_steps = 60000
    int steps = 60000;
    double gamma = Math.pow(0.02, 100.0 / steps);
    LearningRateSchedule s = LearningRateSchedule.of(base(steps, 0.02).withOptimizer(LrSchedule.STEP, 100, 0, List.of(), 0));
    assertThat(s.rate(1, 0)).isEqualTo(LR);
    assertThat(s.rate(100, 99)).isEqualTo(LR);
    assertThat(s.rate(101, 100)).isCloseTo(LR * gamma, within(1e-18));
    assertThat(s.rate(12345, 12344)).isCloseTo(LR * Math.pow(gamma, 123), within(1e-18));
    // the last update (599 decays) ends just above lr · 0.02, which 600 decays would reach
    assertThat(s.rate(steps, steps - 1)).isCloseTo(LR * Math.pow(0.02, 599.0 / 600.0), within(1e-15));
    // stepped per applied update, like torch's scheduler.step() after successful optimizer steps only
    assertThat(s.rate(150, 99)).isEqualTo(LR);
  }

  @Test
  void stepLrWithExplicitGamma() {
    // the reference's PIS schedule: StepLR(step_size=50, gamma=0.95)
    LearningRateSchedule s = LearningRateSchedule.of(base(1000, 0.1).withOptimizer(LrSchedule.STEP, 50, 0.95, List.of(), 0));
    assertThat(s.rate(50, 49)).isEqualTo(LR);
    assertThat(s.rate(51, 50)).isEqualTo(LR * 0.95);
    assertThat(s.rate(1000, 999)).isEqualTo(LR * Math.pow(0.95, 19));
  }

  @Test
  void multiStepLr() {
    // the reference's multi_step: MultiStepLR(milestones=[train_steps / 2], gamma=0.1)
    LearningRateSchedule s =
        LearningRateSchedule.of(base(1000, 0.1).withOptimizer(LrSchedule.MULTI_STEP, 100, 0.1, List.of(500), 0));
    assertThat(s.rate(500, 499)).isEqualTo(LR);
    assertThat(s.rate(501, 500)).isEqualTo(LR * 0.1);
    LearningRateSchedule twice =
        LearningRateSchedule.of(base(1000, 0.1).withOptimizer(LrSchedule.MULTI_STEP, 100, 0.5, List.of(10, 10, 20), 0));
    assertThat(twice.rate(10, 9)).isEqualTo(LR);
    assertThat(twice.rate(11, 10)).isEqualTo(LR * 0.25);
    assertThat(twice.rate(21, 20)).isEqualTo(LR * 0.125);
  }

  @Test
  void badValuesNameTheFullKey() {
    TrainSettings t = base(100, 0.1);
    assertThatThrownBy(() -> t.withOptimizer(LrSchedule.STEP, 0, 0, List.of(), 0))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.lrStepSize").hasMessageContaining("'0'");
    assertThatThrownBy(() -> t.withOptimizer(LrSchedule.MULTI_STEP, 10, 0, List.of(5), 0))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.lrGamma");
    assertThatThrownBy(() -> t.withOptimizer(LrSchedule.MULTI_STEP, 10, 0.5, List.of(5, 3), 0))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.lrMilestones");
    assertThatThrownBy(() -> t.withOptimizer(LrSchedule.GEOMETRIC, 10, 0, List.of(), -1e-7))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.weightDecay");
    assertThatThrownBy(() -> t.withEma(0.9, -1, 1, TrainSettings.EmaWarmup.POWER, 0.9, 1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.emaStart");
    assertThatThrownBy(() -> t.withEma(0.9, 0, 0, TrainSettings.EmaWarmup.POWER, 0.9, 1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.emaEvery");
    assertThatThrownBy(() -> t.withScalarSchedules(
            java.util.Map.of("clipModel", new TrainSettings.ScalarSchedule(List.of(200, 400), 0.0))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.scalarSchedules.clipModel.gamma");
  }
}
