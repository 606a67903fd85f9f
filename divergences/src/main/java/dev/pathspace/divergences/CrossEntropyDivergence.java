package dev.pathspace.divergences;

import dev.pathspace.api.DivergenceOptimum;
import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.numeric.NonFiniteFilter;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Cross-entropy (forward KL) divergence KL(P_target-path ‖ P_model), trained off-policy from the sampler's
 * own trajectories with self-normalised importance weights: Nüsken &amp; Richter, "Solving high-dimensional
 * Hamilton–Jacobi–Bellman PDEs using neural networks: perspectives from the theory of controlled diffusions
 * and measures on path space", Partial Differ. Equ. Appl. 2021 (the cross-entropy loss, §3); used for
 * diffusion samplers in Richter &amp; Berner, ICLR 2024. docs/math.md §4.8.
 *
 * <p>With rnd = log dP_model/dP_target − log Z evaluated along trajectories X ~ P^{ū} moved by the detached
 * control ū (= the current control, stop-gradient), the weights w_i ∝ dP_target/dP^{ū}(X_i) ∝ exp(−rnd_i)
 * are normalised over the kept entries and detached, and the loss is −Σ_i w̄_i·rnd_i, an estimate of
 * E_target[−rnd] = log Z + KL(P_target ‖ P_model) ≥ log Z (the path-space EUBO). Its gradient is the
 * self-normalised estimate of ∇ KL(P_target ‖ P_model); the loss value is a surrogate whose gradient is
 * not the derivative of the reported value through the weights (they are constants by design).
 * Filtering as for log-variance (finite and {@code < maxLogRnd}). Diagnostics: {@code log_z_ce} (the loss
 * value, an upper-bound-type log Z estimate, biased for finite batches), {@code ce_ess} (the weights'
 * normalised effective sample size 1/(M Σ w̄²) over the M kept entries), {@code n_filtered}.
 */
public final class CrossEntropyDivergence implements PathDivergence {
  /** @param maxLogRnd entries with rnd ≥ maxLogRnd are removed (1e8; +inf allowed) */
  public record Params(double maxLogRnd) {
    /** Validates the threshold. */
    public Params {
      NonFiniteFilter.validateMax("maxLogRnd", maxLogRnd);
    }

    /** maxLogRnd 1e8, as for log-variance. */
    public static Params defaults() {
      return new Params(1e8);
    }
  }

  private final Params params;

  /** Creates the divergence. */
  @Inject
  public CrossEntropyDivergence(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "cross-entropy";
  }

  @Override
  public SimulationRequirements requirements() {
    return SimulationRequirements.offPolicy();
  }

  /**
   * At rnd ≡ −log Z the weights are uniform and loss = log Z; with spread, −Σ w̄ rnd = log Z − Σ w̄ ε for
   * rnd = −log Z + ε, and Σ w̄ ε ≈ mean(ε) − var(ε) for small ε.
   */
  @Override
  public Optional<DivergenceOptimum> optimum(double logZ, double rndVariance, double rndBias) {
    return Optional.of(
        new DivergenceOptimum(logZ, Math.abs(rndBias) + 1.5 * rndVariance + 1e-6 * Math.max(1, Math.abs(logZ))));
  }

  @Override
  public DivergenceOutput loss(GraphContext g, RndTerms terms) {
    Ops tf = g.tf();
    NonFiniteFilter f = NonFiniteFilter.of(g, terms.logRnd(tf), params.maxLogRnd());
    // detached log-weights −rnd over the kept entries; removed entries get −inf (weight exactly 0)
    Operand<TFloating> frozen = Floating.view(tf.stopGradient(f.safe));
    Operand<TFloating> minusInf =
        Floating.view(tf.math.add(Floating.view(tf.zerosLike(frozen)), g.scalar(Double.NEGATIVE_INFINITY)));
    Operand<TFloating> logW = Floating.view(tf.select(f.keep, Floating.view(tf.math.neg(frozen)), minusInf));
    Operand<TFloating> w = Floating.view(tf.stopGradient(tf.nn.softmax(tf.expandDims(logW, tf.constant(0)))));
    w = Floating.view(tf.reshape(w, tf.constant(new long[] {-1})));
    Operand<TFloating> loss = f.nanUnlessKept(g,
        Floating.view(tf.math.neg(tf.sum(tf.math.mul(w, f.safe), tf.constant(0)))), 1);
    Operand<TFloating> ess = Floating.view(tf.math.div(g.scalar(1),
        Floating.view(tf.math.mul(NonFiniteFilter.atLeastOne(g, f.count),
            Floating.view(tf.sum(tf.math.square(w), tf.constant(0)))))));
    return new DivergenceOutput(loss, Map.of(
        "log_z_ce", Floating.view(tf.identity(tf.stopGradient(loss))), "ce_ess", ess, "n_filtered", f.removed));
  }
}
