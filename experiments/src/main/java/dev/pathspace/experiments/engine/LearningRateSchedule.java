package dev.pathspace.experiments.engine;

import dev.pathspace.experiments.config.TrainSettings;
import java.util.List;

/**
 * The learning rate of each training step as a closed-form function of the training position, so a
 * resumed run continues the schedule exactly from its checkpoint's (step, skipped) state.
 */
interface LearningRateSchedule {
  /**
   * The rate for 1-based loop step {@code step}, before which {@code updates} updates were applied
   * (step − 1 minus the skipped steps).
   */
  double rate(int step, int updates);

  /** The schedule configured by {@code train.lrSchedule} and its parameters. */
  static LearningRateSchedule of(TrainSettings t) {
    return switch (t.lrSchedule()) {
      case CONSTANT -> new Constant(t.lr());
      case GEOMETRIC -> new Geometric(t.lr(), t.lrFinalFactor(), t.steps());
      case STEP -> new Step(t.lr(), t.lrStepSize(),
          t.lrGamma() > 0 ? t.lrGamma() : Math.pow(t.lrFinalFactor(), t.lrStepSize() / (double) t.steps()));
      case MULTI_STEP -> new MultiStep(t.lr(), t.lrMilestones(), t.lrGamma());
    };
  }

  /** {@code lr} at every step. */
  record Constant(double lr) implements LearningRateSchedule {
    @Override
    public double rate(int step, int updates) {
      return lr;
    }
  }

  /**
   * Geometric decay by loop step: {@code lr · finalFactor^((step − 1)/(steps − 1))}, from {@code lr} at
   * the first step to {@code lr · finalFactor} at the last.
   */
  record Geometric(double lr, double finalFactor, int steps) implements LearningRateSchedule {
    @Override
    public double rate(int step, int updates) {
      double frac = steps <= 1 ? 0 : (step - 1) / (double) (steps - 1);
      return lr * Math.pow(finalFactor, frac);
    }
  }

  /**
   * torch.optim.lr_scheduler.StepLR stepped once per applied update (the reference steps its scheduler
   * only after successful updates): {@code lr · γ^⌊updates / stepSize⌋}. The reference's default is
   * stepSize 100, γ = 0.02^(100/steps) ({@code lrSchedule=step lrFinalFactor=0.02}).
   */
  record Step(double lr, int stepSize, double gamma) implements LearningRateSchedule {
    @Override
    public double rate(int step, int updates) {
      return lr * Math.pow(gamma, updates / stepSize);
    }
  }

  /** torch.optim.lr_scheduler.MultiStepLR per applied update: {@code lr · γ^#{m ∈ milestones : m ≤ updates}}. */
  record MultiStep(double lr, List<Integer> milestones, double gamma) implements LearningRateSchedule {
    @Override
    public double rate(int step, int updates) {
      return lr * Math.pow(gamma, passed(milestones, updates));
    }
  }

  /** The number of milestones m with m ≤ updates (bisect_right on a sorted list). */
  static int passed(List<Integer> milestones, int updates) {
    int n = 0;
    for (int m : milestones) {
      if (m <= updates) {
        n++;
      }
    }
    return n;
  }
}
