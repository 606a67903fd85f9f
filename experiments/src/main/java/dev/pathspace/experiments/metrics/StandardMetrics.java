package dev.pathspace.experiments.metrics;

import com.google.inject.AbstractModule;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The built-in metrics of {@code summary.json}, in their key order (see {@link MetricSuite}); also a Guice
 * module registering them first in the metric registry ({@link MetricBindings}).
 */
public final class StandardMetrics extends AbstractModule {
  private final Sinkhorn.Params sinkhorn;
  private final Mmd.Params mmd;
  private final ModeCoverage.Params modeCoverage;

  /** The built-ins with their default parameters. */
  public StandardMetrics() {
    this(Sinkhorn.defaults(), Mmd.defaults(), ModeCoverage.defaults());
  }

  /** The built-ins with explicit parameters of the sample-based metrics. */
  public StandardMetrics(Sinkhorn.Params sinkhorn, Mmd.Params mmd, ModeCoverage.Params modeCoverage) {
    this.sinkhorn = sinkhorn;
    this.mmd = mmd;
    this.modeCoverage = modeCoverage;
  }

  /** The built-in metrics, in order. */
  public List<RunMetric> all() {
    return List.of(new LogZ(), new Ess(), new Forward(), new MomentErrorMetric(),
        new SampleDistances(new Sinkhorn(sinkhorn), new Mmd(mmd)), new Modes(new ModeCoverage(modeCoverage)),
        new NonFiniteSamples(), new ControlErrorMetric());
  }

  /**
   * The metrics of a learning-curve point ({@code eval.every}): {@code registered} without the control error
   * (a grid probe of its own, computed at the end only) and, unless {@code sampleDistances}
   * ({@code eval.curveSinkhorn}), without Sinkhorn and MMD, which cost 15-38 s per point at 2000 samples
   * (docs/workflow.md). The log Z estimates and errors, ESS, forward ESS/EUBO, moment errors, mode
   * coverage and plug-in metrics stay.
   */
  public static List<RunMetric> curveMetrics(List<RunMetric> registered, boolean sampleDistances) {
    return registered.stream()
        .filter(m -> !(m instanceof ControlErrorMetric))
        .filter(m -> sampleDistances || !(m instanceof SampleDistances))
        .toList();
  }

  @Override
  protected void configure() {
    var registry = MetricBindings.registry(binder());
    all().forEach(m -> registry.addBinding().toInstance(m));
  }

  /** log Z estimates and their errors ({@link LogZEstimates}). */
  static final class LogZ implements RunMetric {
    @Override
    public void compute(EvaluationReport r, MetricValues m) {
      OptionalDouble truth = r.trueLogZ();
      LogZEstimates.Result z = r.logZ();
      m.put("log_z_true", truth.isPresent() ? truth.getAsDouble() : null);
      m.put("log_z_lb", z.logZLb());
      m.put("log_z_lb_ito", z.logZLbIto());
      m.put("log_z_is", z.logZIs());
      m.put("log_z_error", error(z.logZIs(), truth));
      m.put("log_z_lb_error", error(z.logZLb(), truth));
      m.put("log_z_lb_ito_error", error(z.logZLbIto(), truth));
      m.put("log_w_std", z.logWStd());
    }

    private static Double error(double estimate, OptionalDouble truth) {
      return truth.isPresent() ? Math.abs(estimate - truth.getAsDouble()) : null;
    }
  }

  /** Effective sample size of the finite weights and the trajectory counts ({@link EffectiveSampleSize}). */
  static final class Ess implements RunMetric {
    @Override
    public void compute(EvaluationReport r, MetricValues m) {
      EffectiveSampleSize.Result ess = EffectiveSampleSize.fromLogWeights(r.logZ().logWeights());
      m.put("ess", ess.normalised());
      m.put("ess_count", ess.count());
      m.put("n_eval", r.logZ().nEval());
      m.put("n_nonfinite", r.logZ().nNonFinite());
    }
  }

  /**
   * EUBO and forward ESS on target-path trajectories ({@link ForwardEstimates}), when the target has a
   * ground-truth sampler: {@code eubo}, {@code eubo_error} = |eubo − log Z| (null when log Z is unknown),
   * {@code eubo_elbo_gap} = eubo − log_z_lb (an estimate of the Jeffreys divergence KL(P‖Q) + KL(Q‖P)),
   * {@code log_z_forward}, {@code forward_ess}, {@code n_target_paths}, {@code n_target_nonfinite}. When the
   * sampler cannot sample its target path measure, all of them are null (the reason is in the evaluation,
   * {@link dev.pathspace.experiments.engine.TargetPathEval#reason()}, and printed by {@code run}).
   */
  static final class Forward implements RunMetric {
    static final List<String> KEYS = List.of("eubo", "eubo_error", "eubo_elbo_gap", "log_z_forward", "forward_ess",
        "n_target_paths", "n_target_nonfinite");

    @Override
    public void compute(EvaluationReport r, MetricValues m) {
      if (r.target().groundTruth().isEmpty()) {
        return;
      }
      Optional<double[]> rnd = r.eval().targetPath().values();
      if (rnd.isEmpty()) {
        KEYS.forEach(k -> m.put(k, null));
        return;
      }
      double[] logW = new double[rnd.get().length];
      for (int i = 0; i < logW.length; i++) {
        logW[i] = -rnd.get()[i];
      }
      ForwardEstimates.Result f = ForwardEstimates.fromLogWeights(logW);
      OptionalDouble truth = r.trueLogZ();
      m.put("eubo", f.eubo());
      m.put("eubo_error", truth.isPresent() ? Math.abs(f.eubo() - truth.getAsDouble()) : null);
      m.put("eubo_elbo_gap", f.eubo() - r.logZ().logZLb());
      m.put("log_z_forward", f.logZForward());
      m.put("forward_ess", f.forwardEss());
      m.put("n_target_paths", f.n());
      m.put("n_target_nonfinite", f.nNonFinite());
    }
  }

  /** Plain and importance-weighted moment errors ({@link MomentErrors}), when moments are known. */
  static final class MomentErrorMetric implements RunMetric {
    @Override
    public void compute(EvaluationReport r, MetricValues m) {
      if (r.moments().isPresent() && r.finiteSamples().length > 1) {
        MomentErrors.Result me = MomentErrors.compute(r.samples(), r.logWeights(), r.moments().get());
        m.put("mean_error", me.meanError());
        m.put("std_error", me.stdError());
        m.put("mean_error_is", me.meanErrorIs());
        m.put("std_error_is", me.stdErrorIs());
      }
    }
  }

  /** Sinkhorn and MMD against the ground-truth samples ({@link Sinkhorn}, {@link Mmd}). */
  static final class SampleDistances implements RunMetric {
    private final Sinkhorn sinkhorn;
    private final Mmd mmd;

    SampleDistances(Sinkhorn sinkhorn, Mmd mmd) {
      this.sinkhorn = sinkhorn;
      this.mmd = mmd;
    }

    @Override
    public void compute(EvaluationReport r, MetricValues m) {
      Optional<double[][]> reference = r.reference();
      if (reference.isPresent() && r.finiteSamples().length > 1) {
        Sinkhorn.Result s = sinkhorn.compute(r.finiteSamples(), reference.get());
        m.put("sinkhorn", s.referenceCost());
        m.put("sinkhorn_divergence", s.divergence());
        m.put("sinkhorn_w1", s.w1());
        m.put("mmd", mmd.compute(r.finiteSamples(), reference.get()));
        m.put("reference_samples", reference.get().length);
      }
    }
  }

  /** Mode coverage ({@link ModeCoverage}), when the target has modes. */
  static final class Modes implements RunMetric {
    private final ModeCoverage coverage;

    Modes(ModeCoverage coverage) {
      this.coverage = coverage;
    }

    @Override
    public void compute(EvaluationReport r, MetricValues m) {
      Optional<double[][]> modes = r.target().modes();
      if (modes.isPresent()) {
        ModeCoverage.Result mc = coverage.compute(r.samples(), modes.get());
        m.put("modes_found", mc.modesFound());
        m.put("modes_total", mc.modesTotal());
        m.put("emc", mc.emc());
      }
    }
  }

  /** Model samples with a non-finite coordinate (excluded from the sample-based metrics). */
  static final class NonFiniteSamples implements RunMetric {
    @Override
    public void compute(EvaluationReport r, MetricValues m) {
      m.put("n_nonfinite_samples", r.nonFiniteSamples());
    }
  }
}
