package dev.pathspace.samplers;

import dev.pathspace.api.F;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.TimeGrid;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Euler–Maruyama unroll of the time-reversal log-RND (spec §4.1, the discretisation of Prop. 2.3 of
 * Richter &amp; Berner, ICLR 2024) for a sampler without an inference control (DIS, v ≡ 0):
 *
 * <pre>
 * rnd = log p_prior(X_0) + Σ_k [ running_k − d·∫_{s_k}^{s_{k+1}} c ] + Σ_k ⟨u_k, ΔB_k⟩ − log ρ(X_N)
 * running_k = ½|u_k|² Δt (on-policy)   or   ⟨u_k, sg(u_k) − ½u_k⟩ Δt (detached, "w-form", spec §4.4)
 * X_{k+1} = X_k + (c(s_k) X_k + σ(s_k) w_k) Δt + σ(s_k) ΔB_k,   w = u or sg(u)
 * </pre>
 *
 * Controls are evaluated at the left point; the Itô term uses the same ΔB as the state update. All
 * constant terms (log prior, drift divergence) are always included, so the training value of reverse KL is
 * directly E[rnd] = KL − log Z.
 */
final class TimeReversalUnroll {
  /** A control evaluated at grid step k. */
  interface StepControl {
    Operand<TFloating> apply(GraphContext g, int k, double s, Operand<TFloating> x);
  }

  private TimeReversalUnroll() {}

  static RndTerms run(
      GraphContext g, SimulationRequest req, GaussianPrior prior, StepControl control) {
    Ops tf = g.tf();
    SdeSchedule sde = req.schedule();
    TimeGrid grid = sde.grid(req.timesteps());
    int d = req.target().dim();
    int batch = req.batch();
    boolean detached = req.requirements().detachedControl();
    boolean ito = req.requirements().itoIntegral();

    Operand<TFloating> x = prior.sample(g, req.noise(), batch);
    Operand<TFloating> initial = prior.logDensity(g, x);
    Operand<TFloating> running = null;
    Operand<TFloating> itoSum = null;
    double driftDivergence = 0;
    Operand<org.tensorflow.types.TInt32> axis1 = tf.constant(1);
    for (int k = 0; k < grid.steps(); k++) {
      double s = grid.time(k);
      double dt = grid.dt(k);
      Operand<TFloating> u = control.apply(g, k, s, x);
      Operand<TFloating> w = detached ? F.f(tf.stopGradient(u)) : u;
      Operand<TFloating> cost =
          detached
              ? F.f(tf.sum(tf.math.mul(u, tf.math.sub(w, tf.math.mul(u, g.scalar(0.5)))), axis1))
              : F.f(tf.math.mul(tf.sum(tf.math.square(u), axis1), g.scalar(0.5)));
      cost = F.f(tf.math.mul(cost, g.scalar(dt)));
      running = running == null ? cost : F.f(tf.math.add(running, cost));
      driftDivergence += d * sde.integratedDrift(s, grid.time(k + 1));
      Operand<TFloating> dB = F.f(tf.math.mul(req.noise().normal(batch, d), g.scalar(Math.sqrt(dt))));
      if (ito) {
        Operand<TFloating> term = F.f(tf.sum(tf.math.mul(u, dB), axis1));
        itoSum = itoSum == null ? term : F.f(tf.math.add(itoSum, term));
      }
      double sigma = sde.diffusion(s);
      double c = sde.driftCoeff(s);
      // x + c x dt + σ w dt + σ dB  =  (1 + c dt) x + σ (w dt + dB)
      Operand<TFloating> move = F.f(tf.math.add(tf.math.mul(w, g.scalar(dt)), dB));
      x = F.f(tf.math.add(tf.math.mul(x, g.scalar(1 + c * dt)), tf.math.mul(move, g.scalar(sigma))));
    }
    running = F.f(tf.math.sub(running, g.scalar(driftDivergence)));
    if (itoSum == null) {
      itoSum = F.f(tf.math.mul(running, g.scalar(0.0)));
    }
    Operand<TFloating> terminal = F.f(tf.math.neg(req.target().logDensity(g, x)));
    return new RndTerms(initial, running, itoSum, terminal, x);
  }
}
