package dev.pathspace.experiments.engine;

/**
 * Evaluation trajectories of the trained sampler (model weights, w = u, all constants included).
 *
 * @param logRnd per-trajectory rnd including the Itô term (docs/math.md §4.6 run A): −rnd are log weights
 * @param logRndNoIto per-trajectory rnd without the Itô term (run B: ELBO estimator)
 * @param samples terminal states {@code [M][d]}
 * @param seconds wall-clock seconds of the evaluation
 */
public record EvalResult(double[] logRnd, double[] logRndNoIto, double[][] samples, double seconds) {}
