package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.TrainSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step check of the reference's Trainable.step: |scale_loss · loss| ≤ max_loss and a finite gradient. */
class LossGateTest {
  private static TrainSettings settings(double maxLoss, TrainSettings.ScalarSchedule schedule) {
    return new TrainSettings(10, 8, 4, 1e-3, 1.0, 1.0, 0.0, true, 1, 5).withMaxLoss(maxLoss, schedule);
  }

  @Test
  void theThresholdFollowsTheScheduleInAppliedUpdates() {
    LossGate g = new LossGate(settings(1e10, new TrainSettings.ScalarSchedule(List.of(200, 400), 1e-4)), 1.0);
    assertThat(g.threshold(0)).isEqualTo(1e10);
    assertThat(g.threshold(199)).isEqualTo(1e10);
    assertThat(g.threshold(200)).isEqualTo(1e10 * 1e-4);
    assertThat(g.threshold(400)).isEqualTo(1e10 * 1e-4 * 1e-4);
    // after 300 updates the threshold is 1e6: a loss of 2e6 is skipped, 5e5 and -5e5 pass
    assertThat(g.check(2e6, 1.0, 300)).isEqualTo(LossGate.Verdict.ABOVE_MAX_LOSS);
    assertThat(g.check(5e5, 1.0, 300)).isEqualTo(LossGate.Verdict.APPLIED);
    assertThat(g.check(-5e5, 1.0, 300)).isEqualTo(LossGate.Verdict.APPLIED);
    assertThat(g.check(-2e6, 1.0, 300)).isEqualTo(LossGate.Verdict.ABOVE_MAX_LOSS);
    assertThat(g.check(1e6, 1.0, 300)).isEqualTo(LossGate.Verdict.APPLIED); // ≤, as the reference
  }

  @Test
  void theScaledLossIsCompared() {
    // d = 50 and scaleLossByDim: the optimiser's loss is loss / 50 (the reference's scale_loss 1/d)
    LossGate g = new LossGate(settings(100.0, TrainSettings.NO_SCHEDULE), 1.0 / 50);
    assertThat(g.check(4_999.0, 1.0, 0)).isEqualTo(LossGate.Verdict.APPLIED);
    assertThat(g.check(5_001.0, 1.0, 0)).isEqualTo(LossGate.Verdict.ABOVE_MAX_LOSS);
  }

  @Test
  void nonFiniteStepsAreSkippedWithOrWithoutAThreshold() {
    LossGate none = new LossGate(settings(0.0, TrainSettings.NO_SCHEDULE), 1.0);
    assertThat(none.hasThreshold()).isFalse();
    assertThat(none.check(1e300, 1.0, 0)).isEqualTo(LossGate.Verdict.APPLIED);
    assertThat(none.check(Double.NaN, 1.0, 0)).isEqualTo(LossGate.Verdict.NON_FINITE_LOSS);
    assertThat(none.check(1.0, Double.POSITIVE_INFINITY, 0)).isEqualTo(LossGate.Verdict.NON_FINITE_GRADIENT);
    LossGate g = new LossGate(settings(10.0, TrainSettings.NO_SCHEDULE), 1.0);
    assertThat(g.check(Double.NEGATIVE_INFINITY, 1.0, 0)).isEqualTo(LossGate.Verdict.NON_FINITE_LOSS);
    assertThat(g.message(LossGate.Verdict.ABOVE_MAX_LOSS, 7, 12.0, 1.0, 6, 1))
        .isEqualTo("step 7: |loss| = 12.00 above train.maxLoss 10.00 (after 6 updates): update skipped (1 skipped so far)");
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> settings(-1.0, TrainSettings.NO_SCHEDULE))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.maxLoss").hasMessageContaining("-1.0");
    assertThatThrownBy(() -> settings(1.0, new TrainSettings.ScalarSchedule(List.of(400, 200), 1e-4)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.maxLossSchedule.milestones");
    assertThatThrownBy(() -> settings(1.0, new TrainSettings.ScalarSchedule(List.of(200), 0.0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("train.maxLossSchedule.gamma");
    assertThatThrownBy(() -> settings(0.0, new TrainSettings.ScalarSchedule(List.of(200), 1e-4)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("needs train.maxLoss > 0");
  }
}
