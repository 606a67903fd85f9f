package dev.pathspace.divergences;

import dev.pathspace.api.numeric.NonFiniteFilter;
import dev.pathspace.api.DivergenceOptimum;
import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequirements;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Second-moment loss with a learned scalar (spec §4.7): {@code L(θ, c) = E_{X^w}[(rnd + c)²]} over the kept
 * entries, off-policy (w = sg(u)). Source: Nüsken &amp; Richter (2021), "Solving high-dimensional
 * Hamilton–Jacobi–Bellman PDEs using neural networks", Partial Differ. Equ. Appl. 2:48 (moment loss);
 * it is the trajectory-balance objective of GFlowNets (Malkin et al., NeurIPS 2022) in path space, as
 * noted in Richter &amp; Berner, ICLR 2024, Remark A.2. For fixed θ the minimiser is c* = −E[rnd], so
 * at the optimum c = log Z; ∂_c L = 2·mean(rnd + c). The scalar c is the trainable
 * {@code moment/log_z} with its own learning-rate multiplier (TB practice: 10–100×). Filtering as for
 * log-variance (finite and {@code < maxLogRnd}; −inf removed). Diagnostics: {@code log_z_moment} = c,
 * {@code n_filtered}.
 */
public final class MomentDivergence implements PathDivergence {
  /**
   * @param initLogZ initial value of c
   * @param lrScale learning-rate multiplier of c, &gt; 0
   * @param maxLogRnd entries with rnd ≥ maxLogRnd are removed (1e8; +inf allowed)
   */
  public record Params(double initLogZ, double lrScale, double maxLogRnd) {
    /** Validates the values. */
    public Params {
      if (!Double.isFinite(initLogZ)) {
        throw new IllegalArgumentException("initLogZ must be finite (got " + initLogZ + ")");
      }
      if (!(lrScale > 0) || Double.isInfinite(lrScale)) {
        throw new IllegalArgumentException("lrScale must be finite and > 0 (got " + lrScale + ")");
      }
      NonFiniteFilter.validateMax("maxLogRnd", maxLogRnd);
    }

    /** c₀ = 0, learning-rate scale 10, maxLogRnd 1e8. */
    public static Params defaults() {
      return new Params(0.0, 10.0, 1e8);
    }
  }

  private final Params params;

  /** Creates the divergence. */
  @Inject
  public MomentDivergence(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "moment";
  }

  @Override
  public SimulationRequirements requirements() {
    return SimulationRequirements.offPolicy();
  }

  /** With c = log Z: loss = mean((rnd + log Z)²) = variance + bias². */
  @Override
  public Optional<DivergenceOptimum> optimum(double logZ, double rndVariance, double rndBias) {
    return Optional.of(new DivergenceOptimum(0.0, 1.1 * (rndVariance + rndBias * rndBias) + 1e-6));
  }

  @Override
  public DivergenceOutput loss(GraphContext g, RndTerms terms) {
    Ops tf = g.tf();
    Operand<TFloating> c =
        g.trainable("moment/log_z", new double[] {params.initLogZ()}, new long[] {}, params.lrScale());
    NonFiniteFilter f = NonFiniteFilter.of(g, terms.logRnd(tf), params.maxLogRnd());
    Operand<TFloating> e = Floating.view(tf.math.mul(tf.math.add(f.safe, c), f.keepF));
    Operand<TFloating> loss = f.nanUnlessKept(g,
        Floating.view(tf.math.div(tf.sum(tf.math.square(e), tf.constant(0)), NonFiniteFilter.atLeastOne(g, f.count))), 1);
    return new DivergenceOutput(
        loss, Map.of("log_z_moment", Floating.view(tf.identity(c)), "n_filtered", f.removed));
  }
}
