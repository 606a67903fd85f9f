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
 */
public record TrainSummary(
    int steps, int skipped, double seconds, double buildSeconds, Map<String, Double> finalDiagnostics) {}
