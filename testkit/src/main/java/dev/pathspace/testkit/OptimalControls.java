package dev.pathspace.testkit;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.F;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Transition;
import org.tensorflow.op.Ops;

/** Closed-form optimal controls for Gaussian targets N(m, S² I), used as analytic test oracles. */
public final class OptimalControls {
  private OptimalControls() {}

  /**
   * DIS: u*(s, x) = σ(s) ∇log p^{noise}_{T−s}(x) (Berner et al. 2024), where the noising process started
   * at N(m, S²) has the Gaussian marginal N(a·m, a²S² + v) with (a, v) = noisingTransition(0, T − s).
   */
  public static ControlField dis(SdeSchedule schedule, double mean, double std) {
    return (g, s, x) -> {
      Ops tf = g.tf();
      double t = schedule.terminalTime() - s;
      Transition tr = t <= 0 ? new Transition(1, 0) : schedule.noisingTransition(0, t);
      double var = tr.meanScale() * tr.meanScale() * std * std + tr.variance();
      double coef = schedule.diffusion(s) / var;
      return F.f(tf.math.mul(tf.math.sub(g.scalar(tr.meanScale() * mean), x), g.scalar(coef)));
    };
  }
}
