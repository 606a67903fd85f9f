package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code train.maxLoss}: a step whose |loss| exceeds the threshold is skipped as the reference skips it
 * (sde_sampler Trainable.step): no weight changes, and neither the learning-rate schedule, the scalar
 * schedules nor the threshold's own schedule advance, since they all count applied updates.
 */
class MaxLossTrainingTest {
  private static final double LR = 5e-3;

  private static RunConfig config(int steps, double maxLoss, TrainSettings.ScalarSchedule maxLossSchedule) {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    TrainSettings t = new TrainSettings(steps, 16, 5, LR, 0.5, 1.0, 0.0, true, 1, 5)
        .withOptimizer(TrainSettings.LrSchedule.STEP, 1, 0.5, List.of(), 0.0)
        .withScalarSchedules(Map.of("offset", new TrainSettings.ScalarSchedule(List.of(1, 2, 3, 4, 5), 2.0)))
        .withMaxLoss(maxLoss, maxLossSchedule);
    return new RunConfig(x, x, x, x, t, new EvalSettings(32, 32, 10), 3, "float64", 1, 1, false);
  }

  private record Run(List<StepRecord> steps, int skipped, double[][] samples) {}

  private static Run run(RunConfig cfg) {
    List<StepRecord> steps = new ArrayList<>();
    try (Experiment e = Experiment.build(ScheduledScalarTest.components(), cfg)) {
      TrainSummary s = e.train(steps::add);
      return new Run(steps, s.skipped(), e.evaluate().samples());
    }
  }

  @Test
  void stepsAboveTheThresholdChangeNothingAndFreezeEverySchedule() {
    // threshold 1e30, ×1e-40 after 3 applied updates: steps 1-3 pass, then |loss| ≥ 8 > 1e-10 skips 4-6
    Run gated = run(config(6, 1e30, new TrainSettings.ScalarSchedule(List.of(3), 1e-40)));
    Run plain3 = run(config(3, 0.0, TrainSettings.NO_SCHEDULE));
    Run plain6 = run(config(6, 0.0, TrainSettings.NO_SCHEDULE));
    assertThat(gated.steps().stream().map(StepRecord::skipped).toList())
        .containsExactly(false, false, false, true, true, true);
    assertThat(gated.skipped()).isEqualTo(3);
    assertThat(plain6.skipped()).isZero();
    for (int k = 0; k < 3; k++) {
      assertThat(gated.steps().get(k).loss()).isEqualTo(plain3.steps().get(k).loss());
    }
    // step 4 sees the weights after 3 updates and its own noise, as in the ungated run
    assertThat(gated.steps().get(3).loss()).isEqualTo(plain6.steps().get(3).loss());
    for (int k = 3; k < 6; k++) {
      StepRecord r = gated.steps().get(k);
      assertThat(r.lr()).isCloseTo(LR * 0.125, within(1e-15)); // StepLR after 3 updates, frozen
      assertThat(r.diagnostics()).containsEntry("scheduled.offset", 8.0); // 1 · 2^3, frozen
      assertThat(r.diagnostics().get("scheduled.max_loss")).isCloseTo(1e-10, within(1e-20));
    }
    assertThat(gated.steps().get(2).diagnostics().get("scheduled.max_loss")).isEqualTo(1e30);
    assertThat(plain6.steps().get(5).lr()).isCloseTo(LR * Math.pow(0.5, 5), within(1e-15));
    // the weights are those after the 3 applied updates: the same samples as the 3-step run
    for (int i = 0; i < gated.samples().length; i++) {
      assertThat(gated.samples()[i]).containsExactly(plain3.samples()[i]);
    }
  }

  @Test
  void aThresholdBelowEveryLossLeavesTheInitialWeights() {
    RunConfig cfg = config(4, 1e-12, TrainSettings.NO_SCHEDULE);
    double[][] initial;
    try (Experiment e = Experiment.build(ScheduledScalarTest.components(), cfg)) {
      initial = e.evaluate().samples();
    }
    Run gated = run(cfg);
    assertThat(gated.skipped()).isEqualTo(4);
    for (int i = 0; i < initial.length; i++) {
      assertThat(gated.samples()[i]).containsExactly(initial[i]);
    }
  }
}
