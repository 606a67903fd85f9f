package dev.pathspace.experiments.engine;

import dev.pathspace.experiments.config.TrainSettings;
import java.util.Locale;

/**
 * Decides whether a computed training step is applied: the reference's check in
 * {@code sde_sampler/solver/base.py} ({@code Trainable.step}): the loss as the optimiser sees it
 * (multiplied by 1/d with {@code train.scaleLossByDim}, the reference's {@code scale_loss}) must satisfy
 * |loss| ≤ {@code max_loss} (without a threshold: be finite), and the gradient must be finite. Otherwise the
 * optimiser step, every schedule and the EMA update are skipped. The threshold follows
 * {@code train.maxLossSchedule} in applied updates (the reference's MultiStepParams counts only the steps it
 * is stepped at, i.e. the applied ones).
 */
final class LossGate {
  /** Why a step was skipped, or {@link #APPLIED}. */
  enum Verdict {
    /** Loss and gradient pass: the update is applied. */
    APPLIED,
    /** The loss is not finite. */
    NON_FINITE_LOSS,
    /** The loss is finite but the gradient norm is not. */
    NON_FINITE_GRADIENT,
    /** Both are finite but |scaled loss| exceeds the threshold. */
    ABOVE_MAX_LOSS
  }

  private final TrainSettings settings;
  private final double lossScale;

  /**
   * @param lossScale the factor the optimiser's loss carries relative to the fetched loss (1/d or 1)
   */
  LossGate(TrainSettings settings, double lossScale) {
    this.settings = settings;
    this.lossScale = lossScale;
  }

  /** True when a threshold is configured ({@code train.maxLoss > 0}). */
  boolean hasThreshold() {
    return settings.maxLoss() > 0;
  }

  /** The threshold for the step after {@code updates} applied updates (+∞ without one). */
  double threshold(int updates) {
    return settings.maxLossAt(updates);
  }

  /** The verdict for a step with fetched (unscaled) {@code loss} and gradient norm after {@code updates}. */
  Verdict check(double loss, double gradNorm, int updates) {
    if (!Double.isFinite(loss)) {
      return Verdict.NON_FINITE_LOSS;
    }
    if (!Double.isFinite(gradNorm)) {
      return Verdict.NON_FINITE_GRADIENT;
    }
    return Math.abs(lossScale * loss) <= threshold(updates) ? Verdict.APPLIED : Verdict.ABOVE_MAX_LOSS;
  }

  /** The info line of a skipped step. */
  String message(Verdict v, int step, double loss, double gradNorm, int updates, int skipped) {
    String why = switch (v) {
      case NON_FINITE_LOSS -> String.format(Locale.ROOT, "non-finite loss (loss=%s, grad_norm=%s)", loss, gradNorm);
      case NON_FINITE_GRADIENT ->
          String.format(Locale.ROOT, "non-finite gradient (loss=%s, grad_norm=%s)", loss, gradNorm);
      case ABOVE_MAX_LOSS -> String.format(Locale.ROOT, "|loss%s| = %.4g above train.maxLoss %.4g (after %d updates)",
          lossScale == 1.0 ? "" : " / d", Math.abs(lossScale * loss), threshold(updates), updates);
      case APPLIED -> throw new IllegalArgumentException("step " + step + " was applied");
    };
    return String.format(Locale.ROOT, "step %d: %s: update skipped (%d skipped so far)", step, why, skipped);
  }
}
