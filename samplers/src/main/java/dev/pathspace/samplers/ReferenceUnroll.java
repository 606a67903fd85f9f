package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.TimeGrid;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * Euler–Maruyama unroll of the reference-SDE log-RND (spec §4.2 ReferenceSDELoss; PIS and EulerDDS): the
 * model and the reference process start from the same prior, so the initial term is 0, and
 *
 * <pre>
 * rnd = Σ_k running_k + Σ_k ⟨u_k − r_k, ΔB_k⟩ + log p_ref(X_N) − log ρ(X_N)
 * running_k = ½|u_k − r_k|² Δt (on-policy)  or  ⟨u_k − r_k, w_k − ½(u_k + r_k)⟩ Δt (detached, spec §4.4)
 * X_{k+1} = X_k + (c(s_k) X_k + σ(s_k) w_k) Δt + σ(s_k) ΔB_k,   w = u or sg(u)
 * </pre>
 *
 * with reference control r (0 for PIS) evaluated at the left point, and the same ΔB in the update and the
 * Itô term.
 */
final class ReferenceUnroll {
  private ReferenceUnroll() {}

  /**
   * @param x0 the initial states, {@code [batch, d]} (already tiled for trajectories per sample)
   * @param reference the reference control r, or null for r ≡ 0
   * @param referenceTerminal p_ref, the terminal law of the uncontrolled reference process
   */
  static RndTerms run(
      GraphContext g,
      SimulationRequest req,
      Operand<TFloating> x0,
      TimeReversalUnroll.StepControl control,
      TimeReversalUnroll.StepControl reference,
      GaussianPrior referenceTerminal) {
    Ops tf = g.tf();
    SdeSchedule sde = req.schedule();
    TimeGrid grid = sde.grid(req.timesteps());
    int d = req.target().dim();
    int batch = req.batch();
    boolean detached = req.requirements().detachedControl();
    boolean ito = req.requirements().itoIntegral();
    Operand<TInt32> axis1 = tf.constant(1);
    Operand<TFloating> x = x0;
    List<Operand<TFloating>> path = new ArrayList<>();
    path.add(x);
    Operand<TFloating> running = Tiling.zeros(g, batch);
    Operand<TFloating> itoSum = Tiling.zeros(g, batch);
    for (int k = 0; k < grid.steps(); k++) {
      double s = grid.time(k);
      double dt = grid.dt(k);
      Operand<TFloating> u = control.apply(g, k, s, x);
      Operand<TFloating> w = detached ? Floating.view(tf.stopGradient(u)) : u;
      Operand<TFloating> r = reference == null ? null : reference.apply(g, k, s, x);
      Operand<TFloating> diff = r == null ? u : Floating.view(tf.math.sub(u, r));
      Operand<TFloating> sum = r == null ? u : Floating.view(tf.math.add(u, r));
      Operand<TFloating> cost =
          detached
              ? Floating.view(tf.sum(tf.math.mul(diff, tf.math.sub(w, tf.math.mul(sum, g.scalar(0.5)))), axis1))
              : Floating.view(tf.math.mul(tf.sum(tf.math.square(diff), axis1), g.scalar(0.5)));
      running = Floating.view(tf.math.add(running, tf.math.mul(cost, g.scalar(dt))));
      Operand<TFloating> dB = Floating.view(tf.math.mul(req.noise().normal(batch, d), g.scalar(Math.sqrt(dt))));
      if (ito) {
        itoSum = Floating.view(tf.math.add(itoSum, tf.sum(tf.math.mul(diff, dB), axis1)));
      }
      double sigma = sde.diffusion(s);
      double c = sde.driftCoeff(s);
      Operand<TFloating> move = Floating.view(tf.math.add(tf.math.mul(w, g.scalar(dt)), dB));
      x = Floating.view(tf.math.add(tf.math.mul(x, g.scalar(1 + c * dt)), tf.math.mul(move, g.scalar(sigma))));
      if (detached) {
        path.add(x);
      }
    }
    Operand<TFloating> terminal =
        Floating.view(tf.math.sub(referenceTerminal.logDensity(g, x), req.target().logDensity(g, x)));
    return new RndTerms(
        Tiling.zeros(g, batch), running, itoSum, terminal, x, detached ? path : List.of());
  }

  /**
   * The θ-dependent increment of step k of a detached unroll from stored states (api {@code
   * OffPolicyIncrements}): ΔB = (x_{k+1} − (1 + cΔt) x_k)/σ − sg(u)Δt is recovered from the Euler step and
   * the increment is ⟨u − r, sg(u) − ½(u + r)⟩Δt + ⟨u − r, ΔB⟩.
   */
  static Operand<TFloating> increment(
      GraphContext g,
      SdeSchedule sde,
      TimeGrid grid,
      TimeReversalUnroll.StepControl control,
      TimeReversalUnroll.StepControl reference,
      int k,
      Operand<TFloating> xk,
      Operand<TFloating> xk1) {
    Ops tf = g.tf();
    double s = grid.time(k);
    double dt = grid.dt(k);
    Operand<TFloating> u = control.apply(g, k, s, xk);
    Operand<TFloating> w = Floating.view(tf.stopGradient(u));
    Operand<TFloating> r = reference == null ? null : reference.apply(g, k, s, xk);
    Operand<TFloating> diff = r == null ? u : Floating.view(tf.math.sub(u, r));
    Operand<TFloating> sum = r == null ? u : Floating.view(tf.math.add(u, r));
    Operand<TFloating> dB =
        Floating.view(
            tf.stopGradient(
                tf.math.sub(
                    tf.math.div(
                        tf.math.sub(xk1, tf.math.mul(xk, g.scalar(1 + sde.driftCoeff(s) * dt))),
                        g.scalar(sde.diffusion(s))),
                    tf.math.mul(w, g.scalar(dt)))));
    Operand<TInt32> axis1 = tf.constant(1);
    Operand<TFloating> running =
        Floating.view(
            tf.math.mul(
                tf.sum(tf.math.mul(diff, tf.math.sub(w, tf.math.mul(sum, g.scalar(0.5)))), axis1),
                g.scalar(dt)));
    return Floating.view(tf.math.add(running, tf.sum(tf.math.mul(diff, dB), axis1)));
  }
}
