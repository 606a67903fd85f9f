package dev.pathspace.experiments.metrics;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.engine.EvalResult;
import java.util.List;
import java.util.Map;

/**
 * Computes every registered evaluation metric ({@link RunMetric}) of a run from its
 * {@link EvaluationReport} into ordered {@link MetricValues} (the metric part of {@code summary.json}),
 * docs/math.md §4.6 and §8. The built-in keys ({@link StandardMetrics}), in order:
 *
 * <ul>
 *   <li>always: {@code log_z_true} (null when unknown), {@code log_z_lb} (ELBO), {@code log_z_lb_ito},
 *       {@code log_z_is}, {@code log_z_error} = |log_z_is − log Z| and {@code log_z_lb_error},
 *       {@code log_z_lb_ito_error} (null when log Z is unknown), {@code log_w_std}, {@code ess} (normalised),
 *       {@code ess_count}, {@code n_eval}, {@code n_nonfinite} (trajectories with a non-finite rnd, excluded
 *       from all estimators; see {@link LogZEstimates});
 *   <li>when a ground-truth sampler exists, from the sampler's rnd on target-path trajectories ({@link
 *       ForwardEstimates}, docs/math.md §15): {@code eubo}, {@code eubo_error}, {@code eubo_elbo_gap},
 *       {@code log_z_forward}, {@code forward_ess}, {@code n_target_paths}, {@code n_target_nonfinite} (all
 *       null when the sampler cannot sample its target path measure, e.g. bridge, langevin);
 *   <li>when moments are known or a ground-truth sampler exists: {@code mean_error}, {@code std_error},
 *       {@code mean_error_is}, {@code std_error_is} ({@link MomentErrors}; moments from
 *       {@link Target#moments()}, else estimated from the reference samples);
 *   <li>when a ground-truth sampler exists: {@code sinkhorn} (the reference's W₁-style value),
 *       {@code sinkhorn_divergence} (debiased, squared cost), {@code sinkhorn_w1} (converged entropic W₁
 *       approximation), {@code mmd} (unbiased MMD², RBF, median
 *       heuristic), {@code reference_samples};
 *   <li>when the target has modes: {@code modes_found}, {@code modes_total}, {@code emc};
 *   <li>{@code n_nonfinite_samples}: model samples with a non-finite coordinate (excluded from the
 *       sample-based metrics);
 *   <li>{@code control_error} and its companions ({@link ControlErrorMetric}), or {@code control_error}
 *       null with {@code control_error_skipped} saying why.
 * </ul>
 * Degenerate values (e.g. no valid trajectory) are NaN, never silently replaced.
 */
public final class MetricSuite {
  private final long seed;
  private final int referenceSamples;
  private final List<RunMetric> metrics;

  /**
   * @param seed seed for ground-truth sampling
   * @param referenceSamples number of ground-truth samples to draw (when the target can sample); 0 skips
   *     the sample-based metrics (Sinkhorn, MMD)
   */
  public MetricSuite(long seed, int referenceSamples) {
    this(seed, referenceSamples, new StandardMetrics().all());
  }

  /** A suite with explicit metric parameters. */
  public MetricSuite(
      long seed,
      int referenceSamples,
      Sinkhorn.Params sinkhorn,
      Mmd.Params mmd,
      ModeCoverage.Params modeCoverage) {
    this(seed, referenceSamples, new StandardMetrics(sinkhorn, mmd, modeCoverage).all());
  }

  /**
   * A suite of the registered {@code metrics}, run in order (the built-ins of {@link StandardMetrics}
   * first, then those of plug-ins).
   */
  public MetricSuite(long seed, int referenceSamples, List<RunMetric> metrics) {
    if (referenceSamples == 1 || referenceSamples < 0) {
      throw new IllegalArgumentException("referenceSamples must be 0 (no sample-based metrics) or >= 2 (got "
          + referenceSamples + ")");
    }
    this.seed = seed;
    this.referenceSamples = referenceSamples;
    this.metrics = List.copyOf(metrics);
  }

  /** The evaluation report of {@code eval} (weights, log Z estimates, ground-truth samples drawn once). */
  public EvaluationReport report(Target target, EvalResult eval) {
    return EvaluationReport.of(target, eval, seed, referenceSamples);
  }

  /** Every metric of {@code report}, in the documented key order. */
  public MetricValues compute(EvaluationReport report) {
    MetricValues out = new MetricValues();
    metrics.forEach(m -> m.compute(report, out));
    return out;
  }

  /** All metrics of {@code eval} for {@code target}, in the documented key order. */
  public Map<String, Object> compute(Target target, EvalResult eval) {
    return compute(report(target, eval)).asMap();
  }
}
