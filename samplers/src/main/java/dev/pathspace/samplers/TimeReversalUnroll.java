package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
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
 * Richter &amp; Berner, ICLR 2024), with an optional inference control v (Bridge; DIS has v ≡ 0):
 *
 * <pre>
 * a = u + v, b = u − v
 * rnd = log p_prior(X_0) + Σ_k [ running_k + σ(s_k)(∇·v_k)Δt − d·∫_{s_k}^{s_{k+1}} c ] + Σ_k ⟨a_k, ΔB_k⟩ − log ρ(X_N)
 * running_k = ½|a_k|² Δt (on-policy)   or   ⟨a_k, w_k − ½b_k⟩ Δt (detached, "w-form", spec §4.4)
 * X_{k+1} = X_k + (c(s_k) X_k + σ(s_k) w_k) Δt + σ(s_k) ΔB_k,   w = u or sg(u)
 * </pre>
 *
 * With k trajectories per sample the prior draws batch/k points and tiles them in block order.
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

  /** The inference control v and its divergence ∇·v at grid step k. */
  interface InferenceControl {
    /** v(s, x) {@code [B, d]} and ∇_x·v(s, x) {@code [B]}. */
    VDiv apply(GraphContext g, int k, double s, Operand<TFloating> x);
  }

  /** v and ∇·v. */
  record VDiv(Operand<TFloating> v, Operand<TFloating> divergence) {}

  private TimeReversalUnroll() {}

  static RndTerms run(
      GraphContext g, SimulationRequest req, GaussianPrior prior, StepControl control) {
    return run(g, req, prior, control, null);
  }

  static RndTerms run(
      GraphContext g,
      SimulationRequest req,
      GaussianPrior prior,
      StepControl control,
      InferenceControl inference) {
    Ops tf = g.tf();
    SdeSchedule sde = req.schedule();
    TimeGrid grid = sde.grid(req.timesteps());
    int d = req.target().dim();
    int batch = req.batch();
    boolean detached = req.requirements().detachedControl();
    boolean ito = req.requirements().itoIntegral();

    int k0 = req.requirements().trajectoriesPerSample();
    if (batch % k0 != 0) {
      throw new IllegalArgumentException(
          "batch " + batch + " is not a multiple of trajectoriesPerSample " + k0);
    }
    Operand<TFloating> x = prior.sample(g, req.noise(), batch / k0);
    if (k0 > 1) {
      // block order [x_1..x_B, x_1..x_B, ...] (spec §4.0)
      x = Floating.view(tf.tile(x, tf.constant(new int[] {k0, 1})));
    }
    Operand<TFloating> initial = prior.logDensity(g, x);
    java.util.List<Operand<TFloating>> path = new java.util.ArrayList<>();
    path.add(x);
    Operand<TFloating> running = null;
    Operand<TFloating> itoSum = null;
    double driftDivergence = 0;
    Operand<org.tensorflow.types.TInt32> axis1 = tf.constant(1);
    for (int k = 0; k < grid.steps(); k++) {
      double s = grid.time(k);
      double dt = grid.dt(k);
      Operand<TFloating> u = control.apply(g, k, s, x);
      Operand<TFloating> w = detached ? Floating.view(tf.stopGradient(u)) : u;
      Operand<TFloating> a = u;
      Operand<TFloating> b = u;
      VDiv vd = inference == null ? null : inference.apply(g, k, s, x);
      if (vd != null) {
        a = Floating.view(tf.math.add(u, vd.v()));
        b = Floating.view(tf.math.sub(u, vd.v()));
      }
      Operand<TFloating> cost =
          detached
              ? Floating.view(tf.sum(tf.math.mul(a, tf.math.sub(w, tf.math.mul(b, g.scalar(0.5)))), axis1))
              : Floating.view(tf.math.mul(tf.sum(tf.math.square(a), axis1), g.scalar(0.5)));
      if (vd != null) {
        cost = Floating.view(tf.math.add(cost, tf.math.mul(vd.divergence(), g.scalar(sde.diffusion(s)))));
      }
      cost = Floating.view(tf.math.mul(cost, g.scalar(dt)));
      running = running == null ? cost : Floating.view(tf.math.add(running, cost));
      driftDivergence += d * sde.integratedDrift(s, grid.time(k + 1));
      Operand<TFloating> dB = Floating.view(tf.math.mul(req.noise().normal(batch, d), g.scalar(Math.sqrt(dt))));
      if (ito) {
        Operand<TFloating> term = Floating.view(tf.sum(tf.math.mul(a, dB), axis1));
        itoSum = itoSum == null ? term : Floating.view(tf.math.add(itoSum, term));
      }
      double sigma = sde.diffusion(s);
      double c = sde.driftCoeff(s);
      // x + c x dt + σ w dt + σ dB  =  (1 + c dt) x + σ (w dt + dB)
      Operand<TFloating> move = Floating.view(tf.math.add(tf.math.mul(w, g.scalar(dt)), dB));
      x = Floating.view(tf.math.add(tf.math.mul(x, g.scalar(1 + c * dt)), tf.math.mul(move, g.scalar(sigma))));
      if (detached) {
        path.add(x);
      }
    }
    running = Floating.view(tf.math.sub(running, g.scalar(driftDivergence)));
    if (itoSum == null) {
      itoSum = Tiling.zeros(g, batch);
    }
    Operand<TFloating> terminal = Floating.view(tf.math.neg(req.target().logDensity(g, x)));
    return new RndTerms(initial, running, itoSum, terminal, x, detached ? path : java.util.List.of());
  }

  /**
   * The θ-dependent increment of step k of a detached unroll, from stored states: the Brownian increment
   * is recovered from the Euler step, ΔB = (x_{k+1} − (1 + c Δt) x_k)/σ − sg(u) Δt, and the increment is
   * ⟨u, sg(u) − ½u⟩Δt + ⟨u, ΔB⟩ (its gradient is ⟨ΔB, ∂u⟩, as in the full unroll, spec §4.4).
   */
  static Operand<TFloating> increment(
      GraphContext g, SdeSchedule sde, TimeGrid grid, StepControl control, int k,
      Operand<TFloating> xk, Operand<TFloating> xk1) {
    Ops tf = g.tf();
    double s = grid.time(k);
    double dt = grid.dt(k);
    Operand<TFloating> u = control.apply(g, k, s, xk);
    Operand<TFloating> w = Floating.view(tf.stopGradient(u));
    double sigma = sde.diffusion(s);
    Operand<TFloating> dB =
        Floating.view(tf.stopGradient(tf.math.sub(
            tf.math.div(tf.math.sub(xk1, tf.math.mul(xk, g.scalar(1 + sde.driftCoeff(s) * dt))), g.scalar(sigma)),
            tf.math.mul(w, g.scalar(dt)))));
    Operand<org.tensorflow.types.TInt32> axis1 = tf.constant(1);
    Operand<TFloating> running =
        Floating.view(tf.math.mul(tf.sum(tf.math.mul(u, tf.math.sub(w, tf.math.mul(u, g.scalar(0.5)))), axis1), g.scalar(dt)));
    return Floating.view(tf.math.add(running, tf.sum(tf.math.mul(u, dB), axis1)));
  }
}
