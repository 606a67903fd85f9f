package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.TimeGrid;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * The exponential-integrator unroll of DDS (Vargas, Grathwohl &amp; Doucet, "Denoising Diffusion Samplers",
 * ICLR 2023; spec §3.3 and §4.3 ExponentialIntegratorSDELoss). Per grid interval Δt_k:
 *
 * <pre>
 * β_k = clip(α√Δt_k, 0, 1)
 * X_{k+1} = √(1 − β_k²) X_k + β_k² σ² w_k + σ β_k ξ_k,     w = u or sg(u)
 * rnd = Σ_k β_k² σ² c_k + Σ_k σ β_k ⟨u_k, ξ_k⟩ + log N(X_N; 0, σ² I) − log ρ(X_N)
 * c_k = ½|u_k|² (on-policy)  or  ⟨u_k, w_k − ½u_k⟩ (detached, spec §4.4)
 * </pre>
 *
 * The uncontrolled chain leaves the prior N(0, σ²I) exactly invariant, so the reference terminal law is the
 * prior and the initial term is 0. Only the time grid of the schedule is used.
 */
final class ExponentialUnroll {
  private ExponentialUnroll() {}

  static double beta(double alpha, double dt) {
    return Math.min(1.0, Math.max(0.0, alpha * Math.sqrt(dt)));
  }

  static RndTerms run(
      GraphContext g,
      SimulationRequest req,
      GaussianPrior prior,
      TimeReversalUnroll.StepControl control,
      double alpha) {
    Ops tf = g.tf();
    TimeGrid grid = req.schedule().grid(req.timesteps());
    int d = req.target().dim();
    int batch = req.batch();
    double sigma = prior.scale();
    boolean detached = req.requirements().detachedControl();
    boolean ito = req.requirements().itoIntegral();
    Operand<TInt32> axis1 = tf.constant(1);
    Operand<TFloating> x =
        prior.sampleTiled(g, req.noise(), batch, req.requirements().trajectoriesPerSample());
    List<Operand<TFloating>> path = new ArrayList<>();
    path.add(x);
    Operand<TFloating> running = Tiling.zeros(g, batch);
    Operand<TFloating> itoSum = Tiling.zeros(g, batch);
    for (int k = 0; k < grid.steps(); k++) {
      double s = grid.time(k);
      double b = beta(alpha, grid.dt(k));
      Operand<TFloating> u = control.apply(g, k, s, x);
      Operand<TFloating> w = detached ? Floating.view(tf.stopGradient(u)) : u;
      Operand<TFloating> c =
          detached
              ? Floating.view(tf.sum(tf.math.mul(u, tf.math.sub(w, tf.math.mul(u, g.scalar(0.5)))), axis1))
              : Floating.view(tf.math.mul(tf.sum(tf.math.square(u), axis1), g.scalar(0.5)));
      running = Floating.view(tf.math.add(running, tf.math.mul(c, g.scalar(b * b * sigma * sigma))));
      Operand<TFloating> xi = req.noise().normal(batch, d);
      if (ito) {
        itoSum =
            Floating.view(tf.math.add(itoSum, tf.math.mul(tf.sum(tf.math.mul(u, xi), axis1), g.scalar(sigma * b))));
      }
      x =
          Floating.view(
              tf.math.add(
                  tf.math.add(
                      tf.math.mul(x, g.scalar(Math.sqrt(1 - b * b))),
                      tf.math.mul(w, g.scalar(b * b * sigma * sigma))),
                  tf.math.mul(xi, g.scalar(sigma * b))));
      if (detached) {
        path.add(x);
      }
    }
    Operand<TFloating> terminal =
        Floating.view(tf.math.sub(prior.logDensity(g, x), req.target().logDensity(g, x)));
    return new RndTerms(
        Tiling.zeros(g, batch), running, itoSum, terminal, x, detached ? path : List.of());
  }

  /**
   * The θ-dependent increment of step k of a detached unroll from stored states: ξ = (x_{k+1} − √(1−β²)x_k
   * − β²σ² sg(u))/(σβ) and the increment is β²σ²⟨u, sg(u) − ½u⟩ + σβ⟨u, ξ⟩.
   */
  static Operand<TFloating> increment(
      GraphContext g,
      TimeGrid grid,
      TimeReversalUnroll.StepControl control,
      double alpha,
      double sigma,
      int k,
      Operand<TFloating> xk,
      Operand<TFloating> xk1) {
    Ops tf = g.tf();
    double b = beta(alpha, grid.dt(k));
    Operand<TFloating> u = control.apply(g, k, grid.time(k), xk);
    Operand<TFloating> w = Floating.view(tf.stopGradient(u));
    Operand<TFloating> xi =
        Floating.view(
            tf.stopGradient(
                tf.math.div(
                    tf.math.sub(
                        tf.math.sub(xk1, tf.math.mul(xk, g.scalar(Math.sqrt(1 - b * b)))),
                        tf.math.mul(w, g.scalar(b * b * sigma * sigma))),
                    g.scalar(sigma * b))));
    Operand<TInt32> axis1 = tf.constant(1);
    Operand<TFloating> c =
        Floating.view(tf.sum(tf.math.mul(u, tf.math.sub(w, tf.math.mul(u, g.scalar(0.5)))), axis1));
    return Floating.view(
        tf.math.add(
            tf.math.mul(c, g.scalar(b * b * sigma * sigma)),
            tf.math.mul(tf.sum(tf.math.mul(u, xi), axis1), g.scalar(sigma * b))));
  }
}
