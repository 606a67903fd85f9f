package dev.pathspace.experiments.metrics;

import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import dev.pathspace.experiments.engine.EvalResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Computes every evaluation metric of a run into an ordered map (the metric part of {@code summary.json}),
 * spec §4.6 and §8. Keys, in order:
 *
 * <ul>
 *   <li>always: {@code log_z_true} (null when unknown), {@code log_z_lb} (ELBO), {@code log_z_lb_ito},
 *       {@code log_z_is}, {@code log_z_error} = |log_z_is − log Z| and {@code log_z_lb_error},
 *       {@code log_z_lb_ito_error} (null when log Z is unknown), {@code log_w_std}, {@code ess} (normalised),
 *       {@code ess_count}, {@code n_eval}, {@code n_nonfinite} (trajectories with a non-finite rnd, excluded
 *       from all estimators; see {@link LogZEstimates});
 *   <li>when moments are known or a ground-truth sampler exists: {@code mean_error}, {@code std_error},
 *       {@code mean_error_is}, {@code std_error_is} ({@link MomentErrors}; moments from
 *       {@link Target#moments()}, else estimated from the reference samples);
 *   <li>when a ground-truth sampler exists: {@code sinkhorn} (the reference's W₁-style value),
 *       {@code sinkhorn_divergence} (debiased, squared cost), {@code sinkhorn_w1} (converged entropic W₁
 *       approximation), {@code mmd} (unbiased MMD², RBF, median
 *       heuristic), {@code reference_samples};
 *   <li>when the target has modes: {@code modes_found}, {@code modes_total}, {@code emc};
 *   <li>{@code n_nonfinite_samples}: model samples with a non-finite coordinate (excluded from the
 *       sample-based metrics).
 * </ul>
 * Degenerate values (e.g. no valid trajectory) are NaN, never silently replaced.
 */
public final class MetricSuite {
  private final long seed;
  private final int referenceSamples;
  private final Sinkhorn sinkhorn;
  private final Mmd mmd;
  private final ModeCoverage modeCoverage;

  /**
   * @param seed seed for ground-truth sampling
   * @param referenceSamples number of ground-truth samples to draw (when the target can sample); 0 skips
   *     the sample-based metrics (Sinkhorn, MMD)
   */
  public MetricSuite(long seed, int referenceSamples) {
    this(seed, referenceSamples, Sinkhorn.defaults(), Mmd.defaults(), ModeCoverage.defaults());
  }

  /** A suite with explicit metric parameters. */
  public MetricSuite(
      long seed,
      int referenceSamples,
      Sinkhorn.Params sinkhorn,
      Mmd.Params mmd,
      ModeCoverage.Params modeCoverage) {
    if (referenceSamples == 1 || referenceSamples < 0) {
      throw new IllegalArgumentException("referenceSamples must be 0 (no sample-based metrics) or >= 2 (got "
          + referenceSamples + ")");
    }
    this.seed = seed;
    this.referenceSamples = referenceSamples;
    this.sinkhorn = new Sinkhorn(sinkhorn);
    this.mmd = new Mmd(mmd);
    this.modeCoverage = new ModeCoverage(modeCoverage);
  }

  /** All metrics of {@code eval} for {@code target}, in the documented key order. */
  public Map<String, Object> compute(Target target, EvalResult eval) {
    double[][] samples = eval.samples();
    if (samples.length != eval.logRnd().length) {
      throw new IllegalArgumentException(
          "eval has " + samples.length + " samples but " + eval.logRnd().length + " rnd values");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    OptionalDouble trueLogZ = target.logZ();
    LogZEstimates.Result z = LogZEstimates.compute(eval.logRnd(), eval.logRndNoIto());
    m.put("log_z_true", trueLogZ.isPresent() ? trueLogZ.getAsDouble() : null);
    m.put("log_z_lb", z.logZLb());
    m.put("log_z_lb_ito", z.logZLbIto());
    m.put("log_z_is", z.logZIs());
    m.put("log_z_error", error(z.logZIs(), trueLogZ));
    m.put("log_z_lb_error", error(z.logZLb(), trueLogZ));
    m.put("log_z_lb_ito_error", error(z.logZLbIto(), trueLogZ));
    m.put("log_w_std", z.logWStd());
    EffectiveSampleSize.Result ess = EffectiveSampleSize.fromLogWeights(z.logWeights());
    m.put("ess", ess.normalised());
    m.put("ess_count", ess.count());
    m.put("n_eval", z.nEval());
    m.put("n_nonfinite", z.nNonFinite());

    Optional<GroundTruthSampler> gt = target.groundTruth();
    double[][] reference =
        referenceSamples == 0 ? null : gt.map(s -> s.sample(referenceSamples, seed)).orElse(null);
    Optional<Moments> moments = target.moments();
    if (moments.isEmpty() && reference != null) {
      moments = Optional.of(MomentErrors.estimate(reference));
    }
    double[][] finite = Samples.finiteRows(samples);
    if (moments.isPresent() && finite.length > 1) {
      double[] logW = new double[eval.logRnd().length];
      for (int i = 0; i < logW.length; i++) {
        logW[i] = -eval.logRnd()[i];
      }
      MomentErrors.Result me = MomentErrors.compute(samples, logW, moments.get());
      m.put("mean_error", me.meanError());
      m.put("std_error", me.stdError());
      m.put("mean_error_is", me.meanErrorIs());
      m.put("std_error_is", me.stdErrorIs());
    }
    if (reference != null && finite.length > 1) {
      Sinkhorn.Result s = sinkhorn.compute(finite, reference);
      m.put("sinkhorn", s.referenceCost());
      m.put("sinkhorn_divergence", s.divergence());
      m.put("sinkhorn_w1", s.w1());
      m.put("mmd", mmd.compute(finite, reference));
      m.put("reference_samples", reference.length);
    }
    Optional<double[][]> modes = target.modes();
    if (modes.isPresent()) {
      ModeCoverage.Result mc = modeCoverage.compute(samples, modes.get());
      m.put("modes_found", mc.modesFound());
      m.put("modes_total", mc.modesTotal());
      m.put("emc", mc.emc());
    }
    m.put("n_nonfinite_samples", samples.length - finite.length);
    return m;
  }

  private static Double error(double estimate, OptionalDouble truth) {
    return truth.isPresent() ? Math.abs(estimate - truth.getAsDouble()) : null;
  }
}
