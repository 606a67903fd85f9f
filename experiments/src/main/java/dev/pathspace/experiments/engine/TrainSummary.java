package dev.pathspace.experiments.engine;

import java.util.Map;

/**
 * Outcome of a training loop.
 *
 * @param steps optimizer steps run (including skipped)
 * @param skipped steps skipped because of non-finite loss/gradient
 * @param seconds wall-clock training seconds (excluding graph build)
 * @param buildSeconds graph construction + session creation seconds
 * @param finalDiagnostics last divergence diagnostics (e.g. learned log Z of the moment loss)
 * @param trainableParameters number of trainable scalars of the run (sampler controls plus any divergence
 *     parameter, e.g. the moment loss's c); −1 when unknown
 */
public record TrainSummary(
    int steps, int skipped, double seconds, double buildSeconds, Map<String, Double> finalDiagnostics,
    long trainableParameters) {
  /** A summary without a parameter count. */
  public TrainSummary(int steps, int skipped, double seconds, double buildSeconds, Map<String, Double> finalDiagnostics) {
    this(steps, skipped, seconds, buildSeconds, finalDiagnostics, -1);
  }
}
