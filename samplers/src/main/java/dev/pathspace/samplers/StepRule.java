package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.TimeGrid;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The step rule of an integrator on one time grid, shared by the simulation ({@link Unroll#simulate}) and
 * the off-policy increments ({@link Unroll#increment}): how a standard normal ξ_k becomes the step's noise
 * n_k, how the state moves with the (possibly detached) control w, how n_k is recovered from two stored
 * states, and how the running cost and the Itô term of step k are weighted.
 */
interface StepRule {
  /** The time grid. */
  TimeGrid grid();

  /** Number of steps N. */
  default int steps() {
    return grid().steps();
  }

  /** Left time s_k of step k. */
  default double time(int k) {
    return grid().time(k);
  }

  /** The step's noise n_k from a standard normal ξ_k. */
  Operand<TFloating> noise(GraphContext g, int k, Operand<TFloating> xi);

  /** x_{k+1} from x_k, the control w and the noise n_k. */
  Operand<TFloating> next(GraphContext g, int k, Operand<TFloating> x, Operand<TFloating> w, Operand<TFloating> n);

  /** n_k recovered from x_k, w and x_{k+1} (the inverse of {@link #next} in n). */
  Operand<TFloating> recoverNoise(
      GraphContext g, int k, Operand<TFloating> x, Operand<TFloating> w, Operand<TFloating> x1);

  /**
   * The weight of step k's running cost: KL(N(m + Mu, V) ‖ N(m + Mu', V)) = ½|u − u'|²·klWeight(k) for
   * the step's transitions under two controls (Δt_k for Euler–Maruyama, β_k²σ² for the exponential
   * integrator; api {@code BoundControl#klWeight}).
   */
  double klWeight(int k);

  /** The running cost of step k from its per-unit cost c_k, {@code [B]}. */
  Operand<TFloating> weightCost(GraphContext g, int k, Operand<TFloating> cost);

  /** The Itô term of step k, {@code [B]}, for the integrand a {@code [B, d]}. */
  Operand<TFloating> ito(GraphContext g, int k, Operand<TFloating> a, Operand<TFloating> n);

  /**
   * Euler–Maruyama of the schedule's generative SDE dX = (c(s)X + σ(s)w) ds + σ(s) dB (docs/math.md §4.1
   * and §4.2): n_k = ΔB_k = √Δt_k ξ_k, X_{k+1} = (1 + c Δt)X_k + σ(wΔt + ΔB), cost·Δt, Itô ⟨a, ΔB⟩.
   */
  static StepRule euler(SdeSchedule sde, TimeGrid grid) {
    return new Euler(sde, grid);
  }

  /**
   * The exponential integrator of DDS (Vargas, Grathwohl &amp; Doucet, ICLR 2023; docs/math.md §3.3,
   * §4.3) on the grid: β_k = clip(α√Δt_k, 0, 1), n_k = ξ_k, X_{k+1} = √(1 − β²)X_k + β²σ²w + σβξ, cost·β²σ²,
   * Itô σβ⟨a, ξ⟩. The uncontrolled chain leaves N(0, σ²I) invariant.
   */
  static StepRule exponential(TimeGrid grid, double alpha, double sigma) {
    return new Exponential(grid, alpha, sigma);
  }

  /** Euler–Maruyama of a schedule's SDE. */
  record Euler(SdeSchedule sde, TimeGrid grid) implements StepRule {
    @Override
    public Operand<TFloating> noise(GraphContext g, int k, Operand<TFloating> xi) {
      return Floating.view(g.tf().math.mul(xi, g.scalar(Math.sqrt(grid.dt(k)))));
    }

    @Override
    public Operand<TFloating> next(
        GraphContext g, int k, Operand<TFloating> x, Operand<TFloating> w, Operand<TFloating> n) {
      Ops tf = g.tf();
      double s = grid.time(k);
      double dt = grid.dt(k);
      // x + c x dt + σ w dt + σ dB  =  (1 + c dt) x + σ (w dt + dB)
      Operand<TFloating> move = Floating.view(tf.math.add(tf.math.mul(w, g.scalar(dt)), n));
      return Floating.view(
          tf.math.add(
              tf.math.mul(x, g.scalar(1 + sde.driftCoeff(s) * dt)),
              tf.math.mul(move, g.scalar(sde.diffusion(s)))));
    }

    @Override
    public Operand<TFloating> recoverNoise(
        GraphContext g, int k, Operand<TFloating> x, Operand<TFloating> w, Operand<TFloating> x1) {
      Ops tf = g.tf();
      double s = grid.time(k);
      double dt = grid.dt(k);
      // ΔB = (x_{k+1} − (1 + c Δt) x_k)/σ − w Δt
      return Floating.view(
          tf.math.sub(
              tf.math.div(
                  tf.math.sub(x1, tf.math.mul(x, g.scalar(1 + sde.driftCoeff(s) * dt))),
                  g.scalar(sde.diffusion(s))),
              tf.math.mul(w, g.scalar(dt))));
    }

    @Override
    public double klWeight(int k) {
      return grid.dt(k);
    }

    @Override
    public Operand<TFloating> weightCost(GraphContext g, int k, Operand<TFloating> cost) {
      return Floating.view(g.tf().math.mul(cost, g.scalar(klWeight(k))));
    }

    @Override
    public Operand<TFloating> ito(GraphContext g, int k, Operand<TFloating> a, Operand<TFloating> n) {
      return Floating.view(g.tf().sum(g.tf().math.mul(a, n), g.tf().constant(1)));
    }
  }

  /** The DDS exponential integrator. */
  record Exponential(TimeGrid grid, double alpha, double sigma) implements StepRule {
    /** β_k = clip(α√Δt_k, 0, 1). */
    double beta(int k) {
      return Math.min(1.0, Math.max(0.0, alpha * Math.sqrt(grid.dt(k))));
    }

    @Override
    public Operand<TFloating> noise(GraphContext g, int k, Operand<TFloating> xi) {
      return xi;
    }

    @Override
    public Operand<TFloating> next(
        GraphContext g, int k, Operand<TFloating> x, Operand<TFloating> w, Operand<TFloating> n) {
      Ops tf = g.tf();
      double b = beta(k);
      return Floating.view(
          tf.math.add(
              tf.math.add(
                  tf.math.mul(x, g.scalar(Math.sqrt(1 - b * b))),
                  tf.math.mul(w, g.scalar(b * b * sigma * sigma))),
              tf.math.mul(n, g.scalar(sigma * b))));
    }

    @Override
    public Operand<TFloating> recoverNoise(
        GraphContext g, int k, Operand<TFloating> x, Operand<TFloating> w, Operand<TFloating> x1) {
      Ops tf = g.tf();
      double b = beta(k);
      // ξ = (x_{k+1} − √(1−β²) x_k − β²σ² w)/(σβ)
      return Floating.view(
          tf.math.div(
              tf.math.sub(
                  tf.math.sub(x1, tf.math.mul(x, g.scalar(Math.sqrt(1 - b * b)))),
                  tf.math.mul(w, g.scalar(b * b * sigma * sigma))),
              g.scalar(sigma * b)));
    }

    @Override
    public double klWeight(int k) {
      double b = beta(k);
      return b * b * sigma * sigma;
    }

    @Override
    public Operand<TFloating> weightCost(GraphContext g, int k, Operand<TFloating> cost) {
      return Floating.view(g.tf().math.mul(cost, g.scalar(klWeight(k))));
    }

    @Override
    public Operand<TFloating> ito(GraphContext g, int k, Operand<TFloating> a, Operand<TFloating> n) {
      Ops tf = g.tf();
      return Floating.view(tf.math.mul(tf.sum(tf.math.mul(a, n), tf.constant(1)), g.scalar(sigma * beta(k))));
    }
  }
}
