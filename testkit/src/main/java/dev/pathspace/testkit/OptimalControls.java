package dev.pathspace.testkit;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.Floating;
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
      return Floating.view(tf.math.mul(tf.math.sub(g.scalar(tr.meanScale() * mean), x), g.scalar(coef)));
    };
  }

  /**
   * ∇_z log h(z) for h(z) = ∫ N(y; z, τ I) ρ(y)/p_ref(y) dy with ρ ∝ N(m, S² I), p_ref = N(l, V I):
   * (m/S² − l/V − P z)/(1 + τP), P = 1/S² − 1/V (Gaussian integral; valid for τ = 0 too, where it is
   * ∇log ρ − ∇log p_ref), as an op on z.
   */
  private static org.tensorflow.Operand<org.tensorflow.types.family.TFloating> gaussianLogHGradient(
      dev.pathspace.api.GraphContext g,
      org.tensorflow.Operand<org.tensorflow.types.family.TFloating> z,
      double tau,
      double mean,
      double std,
      double refLoc,
      double refVar) {
    double p = 1 / (std * std) - 1 / refVar;
    double c = mean / (std * std) - refLoc / refVar;
    double den = 1 + tau * p;
    return Floating.view(g.tf().math.add(g.tf().math.mul(z, g.scalar(-p / den)), g.scalar(c / den)));
  }

  /**
   * PIS (Brownian reference from δ_{priorLoc}, drift-free schedule): u*(s, x) = σ(s)∇_x log h(s, x) with
   * h(s, x) = E[ρ/p_ref(X_T) | X_s = x] = ∫ N(y; x, τ) ρ(y)/p_ref(y) dy, τ = ∫_s^T σ², p_ref = N(priorLoc,
   * ∫_0^T σ²) (Zhang &amp; Chen 2022, Föllmer drift). In closed form u* = σ(s)(m/S² − l/V − P x)/(1 + τP)
   * with P = 1/S² − 1/V.
   */
  public static ControlField pis(SdeSchedule schedule, double mean, double std, double priorLoc) {
    double terminal = schedule.terminalTime();
    Transition whole = schedule.generativeTransition(0, terminal);
    double refLoc = priorLoc * whole.meanScale();
    return (g, s, x) -> {
      double tau = s >= terminal ? 0 : schedule.generativeTransition(s, terminal).variance();
      return Floating.view(
          g.tf().math.mul(
              gaussianLogHGradient(g, x, tau, mean, std, refLoc, whole.variance()),
              g.scalar(schedule.diffusion(s))));
    };
  }

  /**
   * DDS with the exponential integrator (parameters α, σ) in its continuous-time limit dX = (−½α²X +
   * α²σ²u)ds + ασ dW: u*(s, x) = ∇_x log h(s, x), h(s, x) = E[ρ/N(·; 0, σ²)(X_T) | X_s = x] under the
   * reference OU, whose transition is N(a x, σ²(1 − a²)) with a = exp(−½α²(T − s)). Closed form: u* =
   * a(m/S² − P a x)/(1 + τP), τ = σ²(1 − a²), P = 1/S² − 1/σ². Note the DDS prior is fixed at N(0, σ²), so
   * at this control rnd = −log h(0, X_0), which is −log Z only when a(0) ≈ 0 (long horizon α²T).
   */
  public static ControlField dds(double alpha, double sigma, double terminal, double mean, double std) {
    return (g, s, x) -> {
      double a = Math.exp(-0.5 * alpha * alpha * (terminal - s));
      double tau = sigma * sigma * (1 - a * a);
      Ops tf = g.tf();
      return Floating.view(
          tf.math.mul(
              gaussianLogHGradient(g, Floating.view(tf.math.mul(x, g.scalar(a))), tau, mean, std, 0, sigma * sigma),
              g.scalar(a)));
    };
  }

  /**
   * Euler DDS on a VP-type schedule (σ(s)² = 2c(s)κ², stationary std κ): the reference is the generative
   * SDE with r(s, x) = σ(s)∇log N(x; 0, κ²), a stationary OU with drift −c(s)x; u* = r + σ(s)∇_x log h
   * with the OU transition a = exp(−∫_s^T c), τ = κ²(1 − a²), p_ref = N(0, κ²).
   */
  public static ControlField ddsEuler(SdeSchedule schedule, double kappa, double mean, double std) {
    double terminal = schedule.terminalTime();
    return (g, s, x) -> {
      Ops tf = g.tf();
      double a = s >= terminal ? 1 : Math.exp(-schedule.integratedDrift(s, terminal));
      double tau = kappa * kappa * (1 - a * a);
      double sigma = schedule.diffusion(s);
      var grad =
          tf.math.mul(
              gaussianLogHGradient(g, Floating.view(tf.math.mul(x, g.scalar(a))), tau, mean, std, 0, kappa * kappa),
              g.scalar(a * sigma));
      return Floating.view(tf.math.add(grad, tf.math.mul(x, g.scalar(-sigma / (kappa * kappa)))));
    };
  }
}
