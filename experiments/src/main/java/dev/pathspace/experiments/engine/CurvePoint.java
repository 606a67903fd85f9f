package dev.pathspace.experiments.engine;

/**
 * One learning-curve evaluation during training ({@code eval.every}): the sampler after {@code step}
 * steps evaluated on {@code eval.curveBatch} trajectories whose noise is the same at every point.
 *
 * @param step optimizer steps done (0 = before the first step)
 * @param seconds wall-clock training seconds of this process up to the point, curve evaluations excluded
 * @param loss training loss of {@code step} (NaN at step 0)
 * @param eval the curve's evaluation trajectories
 */
public record CurvePoint(int step, double seconds, double loss, EvalResult eval) {}
