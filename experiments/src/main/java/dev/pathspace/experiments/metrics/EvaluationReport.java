package dev.pathspace.experiments.metrics;

import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import dev.pathspace.experiments.engine.EvalResult;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything derived once from a run's evaluation trajectories that metrics and plots read: the log
 * importance weights log w = −rnd (docs/math.md §4.6), the log Z estimates ({@link LogZEstimates}), the
 * finite model samples, the ground-truth samples (drawn once, {@code referenceSamples} of them with the run
 * seed) and the target's moments (exact, or estimated from the ground-truth samples).
 *
 * @param target the target
 * @param eval the evaluation trajectories
 * @param logWeights log w = −rnd per trajectory (Itô term included), in trajectory order; non-finite
 *     entries kept (estimators filter them)
 * @param logZ the log Z estimates over the finite trajectories
 * @param finiteSamples model samples without non-finite coordinates
 * @param reference ground-truth samples, empty when the target cannot sample or none were asked for
 * @param moments the target's moments, or estimated from {@code reference}; empty if neither exists
 */
public record EvaluationReport(
    Target target,
    EvalResult eval,
    double[] logWeights,
    LogZEstimates.Result logZ,
    double[][] finiteSamples,
    Optional<double[][]> reference,
    Optional<Moments> moments) {

  /**
   * The report of {@code eval} for {@code target}.
   *
   * @param seed seed of the ground-truth samples
   * @param referenceSamples number of ground-truth samples (0: none)
   * @throws IllegalArgumentException if samples and rnd values disagree in number
   */
  public static EvaluationReport of(Target target, EvalResult eval, long seed, int referenceSamples) {
    double[][] samples = eval.samples();
    if (samples.length != eval.logRnd().length) {
      throw new IllegalArgumentException(
          "eval has " + samples.length + " samples but " + eval.logRnd().length + " rnd values");
    }
    double[] logW = new double[eval.logRnd().length];
    for (int i = 0; i < logW.length; i++) {
      logW[i] = -eval.logRnd()[i];
    }
    LogZEstimates.Result z = LogZEstimates.compute(eval.logRnd(), eval.logRndNoIto());
    Optional<GroundTruthSampler> gt = target.groundTruth();
    Optional<double[][]> reference =
        referenceSamples == 0 ? Optional.empty() : gt.map(s -> s.sample(referenceSamples, seed));
    Optional<Moments> moments = target.moments();
    if (moments.isEmpty() && reference.isPresent()) {
      moments = Optional.of(MomentErrors.estimate(reference.get()));
    }
    return new EvaluationReport(target, eval, logW, z, Samples.finiteRows(samples), reference, moments);
  }

  /** The model samples {@code [M][d]} (all, including non-finite rows). */
  public double[][] samples() {
    return eval.samples();
  }

  /** The target's true log Z, when known. */
  public OptionalDouble trueLogZ() {
    return target.logZ();
  }

  /** Model samples with a non-finite coordinate. */
  public int nonFiniteSamples() {
    return eval.samples().length - finiteSamples.length;
  }
}
