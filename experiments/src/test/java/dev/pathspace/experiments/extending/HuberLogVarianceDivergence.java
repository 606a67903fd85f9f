package dev.pathspace.experiments.extending;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequirements;
import jakarta.inject.Inject;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Huber log-variance (a toy example for docs/extending.md): the log-variance loss (Richter &amp; Berner,
 * ICLR 2024; docs/math.md §4.4) with the squared deviation r² replaced by the Huber function
 * h(r) = r²/2 for |r| ≤ δ and δ(|r| − δ/2) otherwise (Huber 1964), r = rnd − mean(rnd). Less sensitive to
 * rare trajectories with huge log-RND; equals half the log-variance loss when every |r| ≤ δ. Off-policy.
 */
public final class HuberLogVarianceDivergence implements PathDivergence {
  /** @param delta the Huber threshold δ (> 0) */
  public record Params(double delta) {
    /** Validates δ. */
    public Params {
      if (!(delta > 0) || Double.isInfinite(delta)) {
        throw new IllegalArgumentException("delta must be finite and > 0 (got " + delta + ")");
      }
    }

    /** δ = 10. */
    public static Params defaults() {
      return new Params(10.0);
    }
  }

  private final Params params;

  /** Creates the divergence. */
  @Inject
  public HuberLogVarianceDivergence(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "log-variance-huber";
  }

  @Override
  public SimulationRequirements requirements() {
    return SimulationRequirements.offPolicy();
  }

  @Override
  public DivergenceOutput loss(GraphContext g, RndTerms terms) {
    Ops tf = g.tf();
    Operand<TFloating> rnd = terms.logRnd(tf);
    Operand<TFloating> mean = Floating.view(tf.math.mean(rnd, tf.constant(0)));
    Operand<TFloating> abs = Floating.view(tf.math.abs(tf.math.sub(rnd, mean)));
    Operand<TFloating> quad = Floating.view(tf.math.minimum(abs, g.scalar(params.delta())));
    Operand<TFloating> lin = Floating.view(tf.math.sub(abs, quad));
    // h(r) = q²/2 + δ·(|r| − q) with q = min(|r|, δ)
    Operand<TFloating> h = Floating.view(tf.math.add(
        tf.math.mul(g.scalar(0.5), tf.math.square(quad)), tf.math.mul(g.scalar(params.delta()), lin)));
    Operand<TFloating> loss = Floating.view(tf.math.mean(h, tf.constant(0)));
    return new DivergenceOutput(loss, Map.of("log_z_huber", Floating.view(tf.math.neg(mean))));
  }
}
