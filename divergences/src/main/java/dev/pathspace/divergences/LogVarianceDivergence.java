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
 * Log-variance divergence Var_{P^w}(rnd) evaluated off-policy on trajectories moved by a detached control:
 * Richter &amp; Berner, "Improved sampling via learned diffusions", ICLR 2024 (and Nüsken &amp; Richter 2021);
 * spec §4.0 method {@code lv}, §4.4.
 *
 * <p>Loss = unbiased (M − 1) sample variance of the kept entries, kept = finite and {@code < maxLogRnd}.
 * <b>Deliberate deviation</b> from the reference (spec §12.21): there the test is one-sided and −inf
 * passes (making the loss NaN); here −inf is removed too. With fewer than two kept entries the loss is NaN,
 * so the trainer skips and reports the step; {@code n_filtered} reports the removals. Diagnostics: {@code n_filtered} (entries
 * removed in this batch), {@code log_z_lv} = −mean(kept rnd) (an ELBO-type log Z estimate).
 */
public final class LogVarianceDivergence implements PathDivergence {
  /** @param maxLogRnd entries with rnd ≥ maxLogRnd are removed (spec default 1e8; +inf allowed) */
  public record Params(double maxLogRnd) {
    /** Validates the threshold. */
    public Params {
      NonFiniteFilter.validateMax("maxLogRnd", maxLogRnd);
    }

    /** maxLogRnd 1e8 (spec {@code *_lv} configs). */
    public static Params defaults() {
      return new Params(1e8);
    }
  }

  private final Params params;

  /** Creates the divergence. */
  @Inject
  public LogVarianceDivergence(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "log-variance";
  }

  @Override
  public SimulationRequirements requirements() {
    return SimulationRequirements.offPolicy();
  }

  /** loss = sample variance of rnd: 0 at the exact optimum, the observed variance otherwise. */
  @Override
  public Optional<DivergenceOptimum> optimum(double logZ, double rndVariance, double rndBias) {
    return Optional.of(new DivergenceOptimum(0.0, 1.1 * rndVariance + 1e-6));
  }

  @Override
  public DivergenceOutput loss(GraphContext g, RndTerms terms) {
    Ops tf = g.tf();
    NonFiniteFilter f = NonFiniteFilter.of(g, terms.logRnd(tf), params.maxLogRnd());
    Operand<TFloating> mean = f.keptMean(g);
    Operand<TFloating> dev = Floating.view(tf.math.mul(tf.math.sub(f.safe, mean), f.keepF));
    Operand<TFloating> ss = Floating.view(tf.sum(tf.math.square(dev), tf.constant(0)));
    Operand<TFloating> denom = NonFiniteFilter.atLeastOne(g, Floating.view(tf.math.sub(f.count, g.scalar(1))));
    Operand<TFloating> loss = f.nanUnlessKept(g, Floating.view(tf.math.div(ss, denom)), 2);
    return new DivergenceOutput(
        loss, Map.of("n_filtered", f.removed, "log_z_lv", Floating.view(tf.math.neg(mean))));
  }
}
