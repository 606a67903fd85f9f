package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Trajectories of a sampler's <em>target</em> path measure P (docs/math.md §15): start at exact target
 * samples X_N ~ π and draw X_{N−1}, …, X_0 backwards from the reference's backward transitions, with one
 * standard normal draw of the request's noise per step (in the order k = N−1, …, 0). The states are
 * returned in generative order X_0..X_N.
 *
 * <ul>
 *   <li>{@link #noising}: the exact Gaussian transitions of the schedule's noising process (DIS, and the
 *       stationary reference of Euler DDS), X_k = a X_{k+1} + √v ξ with (a, v) the noising transition from
 *       t = T − s_{k+1} to T − s_k;
 *   <li>{@link #brownianBridge}: the Brownian bridge of the Euler reference of PIS from the Dirac at {@code
 *       loc} to X_N, on the Euler clock V_k = Σ_{j&lt;k} σ(s_j)²Δt_j (exact for the sampler's discrete
 *       reference, whose increments are N(0, σ(s_k)²Δt_k));
 *   <li>{@link #reversibleChain}: the DDS exponential chain X_{k+1} = √(1 − β_k²)X_k + σβ_kξ is reversible
 *       with respect to its invariant law N(0, σ²I), so its backward kernel is the forward kernel.
 * </ul>
 */
final class TargetPaths {
  private TargetPaths() {}

  /**
   * The backward kernel X_k = loc + scale_k (X_{k+1} − loc) + std_k ξ_k of a target path, k = N−1, …, 0.
   *
   * @param scale per-step scale, {@code [N]}
   * @param std per-step noise std, {@code [N]} (no draw where 0)
   * @param loc the centre
   */
  record Kernel(double[] scale, double[] std, double loc) {
    /** Steps N. */
    int steps() {
      return scale.length;
    }

    /**
     * The 1-based index among the path's draws (made from k = N−1 down to 0, none where std_k = 0) of step
     * k's draw, or 0 when step k draws nothing.
     */
    long draw(int k) {
      if (std[k] <= 0) {
        return 0;
      }
      long index = 0;
      for (int j = steps() - 1; j >= k; j--) {
        if (std[j] > 0) {
          index++;
        }
      }
      return index;
    }
  }

  /** The backward noising path of the schedule on the request's grid. */
  static List<Operand<TFloating>> noising(GraphContext g, SimulationRequest req, Operand<TFloating> xN) {
    return backward(g, req, xN, noisingKernel(req));
  }

  /** The kernel of {@link #noising}. */
  static Kernel noisingKernel(SimulationRequest req) {
    SdeSchedule sde = req.schedule();
    TimeGrid grid = sde.grid(req.timesteps());
    double terminal = sde.terminalTime();
    double[] scale = new double[grid.steps()];
    double[] std = new double[grid.steps()];
    for (int k = 0; k < grid.steps(); k++) {
      Transition tr = sde.noisingTransition(terminal - grid.time(k + 1), terminal - grid.time(k));
      scale[k] = tr.meanScale();
      std[k] = Math.sqrt(tr.variance());
    }
    return new Kernel(scale, std, 0.0);
  }

  /** The Euler-clock Brownian bridge from {@code loc} (at s = 0) to X_N. */
  static List<Operand<TFloating>> brownianBridge(
      GraphContext g, SimulationRequest req, Operand<TFloating> xN, double loc) {
    return backward(g, req, xN, bridgeKernel(req, loc));
  }

  /** The kernel of {@link #brownianBridge}. */
  static Kernel bridgeKernel(SimulationRequest req, double loc) {
    SdeSchedule sde = req.schedule();
    TimeGrid grid = sde.grid(req.timesteps());
    int n = grid.steps();
    double[] clock = new double[n + 1];
    for (int k = 0; k < n; k++) {
      double sigma = sde.diffusion(grid.time(k));
      clock[k + 1] = clock[k] + sigma * sigma * grid.dt(k);
    }
    double[] scale = new double[n];
    double[] std = new double[n];
    for (int k = 0; k < n; k++) {
      // X_k − loc | X_{k+1} = (V_k/V_{k+1})(X_{k+1} − loc) + √(V_k(V_{k+1} − V_k)/V_{k+1}) ξ
      scale[k] = clock[k] / clock[k + 1];
      std[k] = Math.sqrt(clock[k] * (clock[k + 1] - clock[k]) / clock[k + 1]);
    }
    return new Kernel(scale, std, loc);
  }

  /** The backward path of the reversible DDS exponential chain. */
  static List<Operand<TFloating>> reversibleChain(
      GraphContext g, SimulationRequest req, Operand<TFloating> xN, StepRule.Exponential rule) {
    return backward(g, req, xN, reversibleKernel(rule));
  }

  /** The kernel of {@link #reversibleChain}. */
  static Kernel reversibleKernel(StepRule.Exponential rule) {
    int n = rule.steps();
    double[] scale = new double[n];
    double[] std = new double[n];
    for (int k = 0; k < n; k++) {
      double b = rule.beta(k);
      scale[k] = Math.sqrt(1 - b * b);
      std[k] = rule.sigma() * b;
    }
    return new Kernel(scale, std, 0.0);
  }

  /** X_k = loc + scale_k (X_{k+1} − loc) + std_k ξ_k for k = N−1, …, 0 (no draw where std_k = 0). */
  private static List<Operand<TFloating>> backward(
      GraphContext g, SimulationRequest req, Operand<TFloating> xN, Kernel kernel) {
    double[] scale = kernel.scale();
    double[] std = kernel.std();
    double loc = kernel.loc();
    Ops tf = g.tf();
    int d = req.target().dim();
    List<Operand<TFloating>> path = new ArrayList<>();
    Operand<TFloating> x = xN;
    path.add(x);
    for (int k = scale.length - 1; k >= 0; k--) {
      Operand<TFloating> centred = loc == 0 ? x : Floating.view(tf.math.sub(x, g.scalar(loc)));
      Operand<TFloating> mean = Floating.view(tf.math.mul(centred, g.scalar(scale[k])));
      if (std[k] > 0) {
        mean = Floating.view(tf.math.add(mean, tf.math.mul(req.noise().normal(req.batch(), d), g.scalar(std[k]))));
      }
      x = loc == 0 ? mean : Floating.view(tf.math.add(mean, g.scalar(loc)));
      path.add(x);
    }
    Collections.reverse(path);
    return path;
  }
}
