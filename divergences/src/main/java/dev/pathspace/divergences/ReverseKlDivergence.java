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
import org.tensorflow.types.family.TFloating;

/**
 * Reverse Kullback–Leibler divergence KL(P_model ‖ P_target-path) − log Z = E[rnd], trained with the
 * reparameterisation trick (back-propagation through the simulation): Berner, Richter &amp; Ullrich,
 * "An optimal control perspective on diffusion-based generative modeling", TMLR 2024 (DIS); Zhang &amp;
 * Chen, ICLR 2022 (PIS); spec §4.0 methods {@code kl} / {@code kl_ito}, §4.4, §4.5.
 *
 * <p>Loss = mean of the finite rnd entries (the reference's {@code isfinite} mask when {@code max_rnd} is
 * unset). Diagnostics: {@code elbo} = −loss (a lower bound on log Z), {@code n_filtered}.
 */
public final class ReverseKlDivergence implements PathDivergence {
  /**
   * @param itoTerm include the zero-mean Itô integral in rnd (spec {@code kl_ito}: unbiased, higher
   *     variance, different gradient estimator); false is spec {@code kl}
   */
  public record Params(boolean itoTerm) {
    /** Spec "kl": no Itô term. */
    public static Params defaults() {
      return new Params(false);
    }
  }

  private final Params params;

  /** Creates the divergence. */
  @Inject
  public ReverseKlDivergence(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "reverse-kl";
  }

  @Override
  public SimulationRequirements requirements() {
    return params.itoTerm()
        ? new SimulationRequirements(false, true, 1)
        : SimulationRequirements.reparameterised();
  }

  /** loss = mean(rnd) = −log Z + bias exactly. */
  @Override
  public Optional<DivergenceOptimum> optimum(double logZ, double rndVariance, double rndBias) {
    return Optional.of(new DivergenceOptimum(-logZ, Math.abs(rndBias) + 1e-6 * Math.max(1, Math.abs(logZ))));
  }

  @Override
  public DivergenceOutput loss(GraphContext g, RndTerms terms) {
    NonFiniteFilter f = NonFiniteFilter.of(g, terms.logRnd(g.tf()), Double.POSITIVE_INFINITY);
    Operand<TFloating> loss = f.nanUnlessKept(g, f.keptMean(g), 1);
    return new DivergenceOutput(
        loss, Map.of("elbo", Floating.view(g.tf().math.neg(loss)), "n_filtered", f.removed));
  }
}
