package dev.pathspace.samplers.hjb;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.tf.TensorData;
import dev.pathspace.api.tf.TfGraphContext;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * The exact expected log-RND E[rnd] of a sampler's time-discretised chain under a fixed control, for 1-D
 * targets, by propagating the chain's density on a grid (no Monte Carlo): −E[rnd] is the ELBO of the
 * discretised problem and E[rnd] + log Z = KL(discrete model path ‖ discrete target path) ≥ 0, the
 * time-discretisation floor of the log Z error that a sampler with the exact control u* still has
 * (docs/math.md §13). The chain and the log-RND terms are those of the samplers' unrolls (docs/math.md
 * §4.1–4.3): Euler–Maruyama X' = (1 + cΔt)X + σ(uΔt + ΔB) with running cost ½|u − r|²Δt (DIS, PIS, DDS
 * Euler) or the exponential integrator X' = √(1 − β²)X + β²σ²u + σβξ with running cost ½β²σ²|u|² (DDS);
 * the Itô terms have mean 0. The control is evaluated through its TF ops, i.e. exactly as the sampler
 * evaluates it.
 */
public final class DiscreteElbo {
  /** The sampler's chain. */
  public enum Chain {
    /** DIS: X₀ ~ N(0, priorScale²), terms log p_prior(X₀) − d∫c and −log ρ(X_N). */
    DIS,
    /** PIS: X₀ = priorLoc, terminal log p_ref(X_N) − log ρ(X_N). */
    PIS,
    /** DDS Euler: X₀ ~ N(0, κ²), reference control r = −σx/κ², terminal log N(X_N; 0, κ²) − log ρ(X_N). */
    DDS_EULER,
    /** DDS exponential integrator: X₀ ~ N(0, σ²), terminal log N(X_N; 0, σ²) − log ρ(X_N). */
    DDS_EXPONENTIAL
  }

  /**
   * The result.
   *
   * @param expectedRnd E[rnd] of the discretised chain
   * @param lostMass probability mass that left the propagation grid (should be ≪ 1)
   */
  public record Result1d(double expectedRnd, double lostMass) {}

  private final Chain chain;
  private final double loc;
  private final double scale;
  private final double alpha;

  /**
   * @param chain the sampler's chain
   * @param loc PIS: the Dirac's location; otherwise ignored
   * @param scale DIS: prior std; DDS: σ or κ; PIS: ignored
   * @param alpha DDS exponential: α; otherwise ignored
   */
  public DiscreteElbo(Chain chain, double loc, double scale, double alpha) {
    this.chain = chain;
    this.loc = loc;
    this.scale = scale;
    this.alpha = alpha;
  }

  /** E[rnd] over the schedule's grid with {@code steps} intervals, propagated on {@code axis}. */
  public Result1d compute(Target target, SdeSchedule sde, int steps, ControlField control, GridAxis axis) {
    if (target.dim() != 1) {
      throw new IllegalArgumentException("DiscreteElbo is 1-D only; target '" + target.id() + "' has d = " + target.dim());
    }
    TimeGrid grid = sde.grid(steps);
    int n = axis.points();
    double h = axis.spacing();
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = axis.node(i);
    }
    double[] logRho = new TargetGridEvaluator().logDensity(target, x, n);
    double[][] u = controls(control, grid, x, n);
    double[] u0 = chain == Chain.PIS ? controls(control, grid, new double[] {loc}, 1)[0] : null;
    double[] p = new double[n];
    double expected = 0;
    double lost = 0;
    double sigma0 = chain == Chain.DIS || chain == Chain.DDS_EULER || chain == Chain.DDS_EXPONENTIAL ? scale : 0;
    int first = 0;
    if (chain == Chain.PIS) {
      double dt = grid.dt(0);
      double sd = sde.diffusion(grid.time(0));
      double mean = loc + sd * u0[0] * dt;
      expected += 0.5 * u0[0] * u0[0] * dt;
      double var = sd * sd * dt;
      for (int i = 0; i < n; i++) {
        p[i] = gauss(x[i], mean, var);
      }
      first = 1;
    } else {
      for (int i = 0; i < n; i++) {
        p[i] = gauss(x[i], 0, sigma0 * sigma0);
        if (chain == Chain.DIS) {
          expected += p[i] * h * Math.log(gauss(x[i], 0, sigma0 * sigma0));
        }
      }
    }
    lost += 1 - normalise(p, h);
    for (int k = first; k < grid.steps(); k++) {
      double s = grid.time(k);
      double dt = grid.dt(k);
      double sd = sde.diffusion(s);
      double c = sde.driftCoeff(s);
      double[] mean = new double[n];
      double var;
      double cost = 0;
      if (chain == Chain.DDS_EXPONENTIAL) {
        double b = Math.min(1.0, Math.max(0.0, alpha * Math.sqrt(dt)));
        for (int i = 0; i < n; i++) {
          mean[i] = Math.sqrt(1 - b * b) * x[i] + b * b * scale * scale * u[k][i];
          cost += p[i] * h * 0.5 * b * b * scale * scale * u[k][i] * u[k][i];
        }
        var = scale * scale * b * b;
      } else {
        for (int i = 0; i < n; i++) {
          double r = chain == Chain.DDS_EULER ? -sd * x[i] / (scale * scale) : 0;
          mean[i] = (1 + c * dt) * x[i] + sd * u[k][i] * dt;
          cost += p[i] * h * 0.5 * (u[k][i] - r) * (u[k][i] - r) * dt;
        }
        var = sd * sd * dt;
        if (chain == Chain.DIS) {
          expected -= sde.integratedDrift(s, grid.time(k + 1));
        }
      }
      expected += cost;
      p = propagate(p, mean, var, x, h);
      lost += 1 - normalise(p, h);
    }
    for (int i = 0; i < n; i++) {
      if (p[i] == 0) {
        continue;
      }
      double term = -logRho[i];
      if (chain == Chain.PIS) {
        var whole = sde.generativeTransition(0, sde.terminalTime());
        term += Math.log(gauss(x[i], loc * whole.meanScale(), whole.variance()));
      } else if (chain == Chain.DDS_EULER || chain == Chain.DDS_EXPONENTIAL) {
        term += Math.log(gauss(x[i], 0, scale * scale));
      }
      expected += p[i] * h * term;
    }
    return new Result1d(expected, lost);
  }

  private static double[][] controls(ControlField control, TimeGrid grid, double[] x, int n) {
    double[][] u = new double[grid.steps()][];
    try (Graph graph = new Graph()) {
      TfGraphContext ctx = new TfGraphContext(graph, TFloat64.class);
      Operand<TFloating> xs = ctx.constant(x, n, 1);
      List<Operand<TFloating>> ops = new ArrayList<>();
      for (int k = 0; k < grid.steps(); k++) {
        ops.add(control.apply(ctx, grid.time(k), xs));
      }
      try (Session session = new Session(graph)) {
        for (int k = 0; k < grid.steps(); k++) {
          try (Result r = session.runner().fetch(ops.get(k)).run()) {
            u[k] = TensorData.toDoubles(r.get(0));
          }
        }
      }
    }
    return u;
  }

  private static double[] propagate(double[] p, double[] mean, double var, double[] x, double h) {
    int n = p.length;
    double[] out = new double[n];
    double sd = Math.sqrt(var);
    double norm = 1 / Math.sqrt(2 * Math.PI * var);
    for (int i = 0; i < n; i++) {
      if (p[i] < 1e-300) {
        continue;
      }
      double w = p[i] * h;
      int lo = Math.max(0, (int) Math.floor((mean[i] - 10 * sd - x[0]) / h));
      int hi = Math.min(n - 1, (int) Math.ceil((mean[i] + 10 * sd - x[0]) / h));
      for (int j = lo; j <= hi; j++) {
        double z = (x[j] - mean[i]) / sd;
        out[j] += w * norm * Math.exp(-0.5 * z * z);
      }
    }
    return out;
  }

  /** Normalises p to unit mass on the grid and returns the mass before. */
  private static double normalise(double[] p, double h) {
    double m = 0;
    for (double v : p) {
      m += v * h;
    }
    if (m > 0) {
      for (int i = 0; i < p.length; i++) {
        p[i] /= m;
      }
    }
    return m;
  }

  private static double gauss(double x, double mean, double var) {
    double z = x - mean;
    return Math.exp(-0.5 * z * z / var) / Math.sqrt(2 * Math.PI * var);
  }
}
