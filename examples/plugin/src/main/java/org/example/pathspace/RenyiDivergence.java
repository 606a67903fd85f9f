package org.example.pathspace;

import dev.pathspace.api.DivergenceOptimum;
import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.numeric.LogSpace;
import dev.pathspace.api.numeric.NonFiniteFilter;
import dev.pathspace.api.params.Describe;
import dev.pathspace.api.params.ParamChecks;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The variational Rényi bound of order α in path space (Li &amp; Turner, "Rényi divergence variational
 * inference", NeurIPS 2016): with log-weights −rnd, L_α = 1/(1−α)·log mean exp((1−α)·(−rnd)) ≤ log Z for
 * α ∈ (0, 1); it tends to the ELBO as α → 1 and to the importance-sampling log Z estimate as α → 0. The
 * loss −L_α is trained with the reparameterisation trick (back-propagation through the simulation, no Itô
 * term), like reverse KL. Non-finite entries are removed before the log-mean-exp. Diagnostic:
 * {@code log_z_renyi} = L_α.
 */
public final class RenyiDivergence implements PathDivergence {
  /** @param alpha the order α ∈ (0, 1) */
  public record Params(@Describe("order alpha in (0, 1): 1 = ELBO, 0 = importance-sampling log Z") double alpha) {
    /** Validates α. */
    public Params {
      ParamChecks.inRange("alpha", alpha, 1e-6, 1 - 1e-6);
    }

    /** α = 0.5. */
    public static Params defaults() {
      return new Params(0.5);
    }
  }

  private final Params params;

  /** Creates the divergence. */
  @Inject
  public RenyiDivergence(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "renyi";
  }

  @Override
  public SimulationRequirements requirements() {
    return SimulationRequirements.reparameterised();
  }

  /**
   * At rnd ≡ −log Z the bound is log Z, so the loss is −log Z; with spread, −L_α = mean(rnd) − (1−α)/2·var
   * + O(var²), within |bias| + var of −log Z.
   */
  @Override
  public Optional<DivergenceOptimum> optimum(double logZ, double rndVariance, double rndBias) {
    return Optional.of(new DivergenceOptimum(-logZ, Math.abs(rndBias) + rndVariance + 1e-6 * Math.max(1, Math.abs(logZ))));
  }

  @Override
  public DivergenceOutput loss(GraphContext g, RndTerms terms) {
    Ops tf = g.tf();
    double a = params.alpha();
    NonFiniteFilter f = NonFiniteFilter.of(g, terms.logRnd(tf), Double.POSITIVE_INFINITY);
    // (1−α)(−rnd) on kept entries, −inf on removed ones (weight 0 in the log-sum-exp)
    Operand<TFloating> scaled = Floating.view(tf.math.mul(f.safe, g.scalar(-(1 - a))));
    Operand<TFloating> minusInf =
        Floating.view(tf.math.add(Floating.view(tf.zerosLike(scaled)), g.scalar(Double.NEGATIVE_INFINITY)));
    Operand<TFloating> logW = Floating.view(tf.select(f.keep, scaled, minusInf));
    Operand<TFloating> logMean = Floating.view(tf.math.sub(LogSpace.logSumExp(g, logW, 0),
        Floating.view(tf.math.log(NonFiniteFilter.atLeastOne(g, f.count)))));
    Operand<TFloating> bound = Floating.view(tf.math.div(logMean, g.scalar(1 - a)));
    Operand<TFloating> loss = f.nanUnlessKept(g, Floating.view(tf.math.neg(bound)), 1);
    return new DivergenceOutput(loss, Map.of("log_z_renyi", bound, "n_filtered", f.removed));
  }
}
