package dev.pathspace.experiments.engine;

import java.util.Map;

/**
 * One logged training step.
 *
 * @param step 1-based optimizer step
 * @param loss training loss (before the 1/d scaling)
 * @param lr learning rate used
 * @param gradNorm global gradient norm before clipping
 * @param seconds wall-clock seconds since training started
 * @param skipped true if the step was skipped: loss or gradient non-finite, or the loss above {@code train.maxLoss}
 * @param diagnostics divergence diagnostics (e.g. {@code n_filtered}, {@code log_z_moment})
 */
public record StepRecord(
    int step,
    double loss,
    double lr,
    double gradNorm,
    double seconds,
    boolean skipped,
    Map<String, Double> diagnostics) {}
