package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.ScheduleRef;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Untrained Langevin baseline (spec §1.5/§5 ULA): N = request timesteps steps of the unadjusted Langevin
 * algorithm X_{k+1} = X_k + clip(½σ²∇log π(X_k), clipScore)Δt + σ√Δt ξ_k from X_0 ~ N(0, priorScale² I),
 * with Δt = {@code stepSize} (the schedule and its time grid are ignored).
 *
 * <p>{@code annealed=true}: annealed importance sampling (Neal, "Annealed importance sampling", Statistics
 * and Computing 2001) along the geometric path π_k ∝ p_prior^{1−λ_k} ρ^{λ_k}, λ_k = k/N: step k first adds
 * (λ_{k+1} − λ_k)(log ρ(X_k) − log p_prior(X_k)) to log w, then moves with a ULA step targeting π_{k+1}.
 * rnd = −log w (reported as the running term; the other terms are 0), so logmeanexp(−rnd) is the AIS
 * estimate of log Z (biased by the ULA discretisation, which is not exactly π_{k+1}-invariant).
 *
 * <p>{@code annealed=false}: plain ULA targeting ρ; rnd is undefined and every rnd term is NaN, so log Z
 * metrics are unavailable. The sampler has no trainable parameters and no fixed-control variant.
 */
public final class LangevinSampler implements PathSampler {
  /**
   * Langevin parameters.
   *
   * @param stepSize Δt per step
   * @param sigma diffusion σ
   * @param priorScale std of the Gaussian initial law N(0, priorScale² I)
   * @param clipScore elementwise clip of the drift ½σ²∇log π
   * @param annealed anneal from the prior to the target with AIS weights
   */
  public record Params(
      double stepSize, double sigma, double priorScale, double clipScore, boolean annealed) {
    /** Validates every field. */
    public Params {
      if (!(stepSize > 0) || !Double.isFinite(stepSize)) {
        throw new IllegalArgumentException("stepSize must be > 0 (got " + stepSize + ")");
      }
      if (!(sigma > 0) || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException("sigma must be > 0 (got " + sigma + ")");
      }
      if (!(priorScale > 0) || !Double.isFinite(priorScale)) {
        throw new IllegalArgumentException("priorScale must be > 0 (got " + priorScale + ")");
      }
      ParamChecks.positive("clipScore", clipScore);
    }

    /** Defaults: Δt = 0.01, σ = 1, prior N(0, I), clip 1e5 (spec §1.5), annealed. */
    public static Params defaults() {
      return new Params(0.01, 1.0, 1.0, 1e5, true);
    }
  }

  private final Params params;

  /** The Langevin baseline. */
  @Inject
  public LangevinSampler(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "langevin";
  }

  /** {@code vp-linear}; unused (Langevin ignores the schedule). */
  @Override
  public ScheduleRef defaultSchedule() {
    return ScheduleRef.of("vp-linear");
  }

  /** Accepts every schedule (it is ignored). */
  @Override
  public void validate(SdeSchedule schedule, Target target) {}

  @Override
  public boolean trainable() {
    return false;
  }

  @Override
  public RndTerms simulate(GraphContext g, SimulationRequest req) {
    Ops tf = g.tf();
    Target target = req.target();
    int d = target.dim();
    int batch = req.batch();
    int n = req.timesteps();
    double dt = params.stepSize();
    double sigma = params.sigma();
    GaussianPrior prior = new GaussianPrior(d, 0.0, params.priorScale());
    Operand<TFloating> x =
        prior.sampleTiled(g, req.noise(), batch, req.requirements().trajectoriesPerSample());
    Operand<TFloating> logW = Tiling.zeros(g, batch);
    for (int k = 0; k < n; k++) {
      Operand<TFloating> score;
      if (params.annealed()) {
        double lam0 = (double) k / n;
        double lam1 = (double) (k + 1) / n;
        Operand<TFloating> logRatio =
            Floating.view(tf.math.sub(target.logDensity(g, x), prior.logDensity(g, x)));
        logW = Floating.view(tf.math.add(logW, tf.math.mul(logRatio, g.scalar(lam1 - lam0))));
        score =
            Floating.view(
                tf.math.add(
                    tf.math.mul(prior.score(g, x), g.scalar(1 - lam1)),
                    tf.math.mul(target.score(g, x), g.scalar(lam1))));
      } else {
        score = target.score(g, x);
      }
      Operand<TFloating> drift =
          Clip.byValue(g, Floating.view(tf.math.mul(score, g.scalar(0.5 * sigma * sigma))), params.clipScore());
      Operand<TFloating> xi = req.noise().normal(batch, d);
      x =
          Floating.view(
              tf.math.add(
                  tf.math.add(x, tf.math.mul(drift, g.scalar(dt))),
                  tf.math.mul(xi, g.scalar(sigma * Math.sqrt(dt)))));
    }
    Operand<TFloating> zero = Tiling.zeros(g, batch);
    if (!params.annealed()) {
      Operand<TFloating> nan = Floating.view(tf.math.add(zero, g.scalar(Double.NaN)));
      return new RndTerms(nan, nan, nan, nan, x);
    }
    return new RndTerms(zero, Floating.view(tf.math.neg(logW)), zero, zero, x);
  }
}
