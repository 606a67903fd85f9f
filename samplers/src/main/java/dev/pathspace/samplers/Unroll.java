package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.SimulationRequest;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The controlled unroll of every trained sampler, for any {@link StepRule} and {@link Coupling}
 * (docs/math.md §4.1–§4.4): per step k, with u the control at the left point and w = u (on-policy) or
 * sg(u) (detached),
 *
 * <pre>
 * running += weight_k(c_k),   c_k = ½|a|² (on-policy)  or  ⟨a, w − ½b⟩ (detached, the "w-form")  [+ extra]
 * ito     += ito_k(a, n_k)
 * X_{k+1}  = next_k(X_k, w, n_k)
 * </pre>
 *
 * and the off-policy increment of step k from stored states recomputes the same detached cost and Itô
 * term with n_k recovered from (X_k, X_{k+1}): its gradient is the gradient of step k of the detached
 * unroll (api {@code OffPolicyIncrements}). The same noise n_k enters the update and the Itô term.
 */
final class Unroll {
  /**
   * The control-dependent part of a simulation.
   *
   * @param running Σ_k running cost, {@code [B]}
   * @param ito Σ_k Itô term ({@code [B]} zeros when not requested)
   * @param last X_N
   * @param path X_0..X_N for a detached simulation, else empty
   */
  record Result(
      Operand<TFloating> running, Operand<TFloating> ito, Operand<TFloating> last, List<Operand<TFloating>> path) {}

  private Unroll() {}

  /** Unrolls from x0 ({@code [batch, d]}, already tiled) with the request's noise. */
  static Result simulate(
      GraphContext g,
      SimulationRequest req,
      StepRule rule,
      Operand<TFloating> x0,
      StepControl control,
      Coupling coupling) {
    Ops tf = g.tf();
    int d = req.target().dim();
    int batch = req.batch();
    boolean detached = req.requirements().detachedControl();
    boolean withIto = req.requirements().itoIntegral();
    Operand<TFloating> x = x0;
    List<Operand<TFloating>> path = new ArrayList<>();
    path.add(x);
    Operand<TFloating> running = Tiling.zeros(g, batch);
    Operand<TFloating> itoSum = Tiling.zeros(g, batch);
    for (int k = 0; k < rule.steps(); k++) {
      double s = rule.time(k);
      Operand<TFloating> u = control.apply(g, k, s, x);
      Operand<TFloating> w = detached ? Floating.view(tf.stopGradient(u)) : u;
      Coupling.Integrands in = coupling.apply(g, k, s, x, u);
      running = Floating.view(tf.math.add(running, rule.weightCost(g, k, cost(g, in, w, detached))));
      Operand<TFloating> n = rule.noise(g, k, req.noise().normal(batch, d));
      if (withIto) {
        itoSum = Floating.view(tf.math.add(itoSum, rule.ito(g, k, in.a(), n)));
      }
      x = rule.next(g, k, x, w, n);
      if (detached) {
        path.add(x);
      }
    }
    return new Result(running, itoSum, x, detached ? path : List.of());
  }

  /** The θ-dependent increment of step k of a detached unroll from the stored states x_k, x_{k+1}. */
  static Operand<TFloating> increment(
      GraphContext g,
      StepRule rule,
      StepControl control,
      Coupling coupling,
      int k,
      Operand<TFloating> xk,
      Operand<TFloating> xk1) {
    Ops tf = g.tf();
    double s = rule.time(k);
    Operand<TFloating> u = control.apply(g, k, s, xk);
    Operand<TFloating> w = Floating.view(tf.stopGradient(u));
    Coupling.Integrands in = coupling.apply(g, k, s, xk, u);
    Operand<TFloating> n = Floating.view(tf.stopGradient(rule.recoverNoise(g, k, xk, w, xk1)));
    Operand<TFloating> running = rule.weightCost(g, k, cost(g, in, w, true));
    return Floating.view(tf.math.add(running, rule.ito(g, k, in.a(), n)));
  }

  /**
   * The running cost and Itô sums of the control evaluated on given states X_0..X_N (e.g. a trajectory of
   * the target path measure, {@link TargetPaths}): per step the on-policy cost ½|a|² (+ extra) and the Itô
   * term with the model noise n_k recovered from (X_k, X_{k+1}) by {@link StepRule#recoverNoise}. For the
   * Euler and exponential rules Σ_k (running_k + ito_k) is exactly log q(X_{1:N} | X_0) − log r(X_{1:N} |
   * X_0), the log ratio of the model's and the reference's Gaussian transition densities (docs/math.md §15).
   */
  static Result onPath(
      GraphContext g, StepRule rule, StepControl control, Coupling coupling, List<Operand<TFloating>> path) {
    if (path.size() != rule.steps() + 1) {
      throw new IllegalArgumentException(
          "a path of " + rule.steps() + " steps needs " + (rule.steps() + 1) + " states (got " + path.size() + ")");
    }
    Ops tf = g.tf();
    Operand<TFloating> running = null;
    Operand<TFloating> itoSum = null;
    for (int k = 0; k < rule.steps(); k++) {
      double s = rule.time(k);
      Operand<TFloating> xk = path.get(k);
      Operand<TFloating> u = control.apply(g, k, s, xk);
      Coupling.Integrands in = coupling.apply(g, k, s, xk, u);
      Operand<TFloating> n = rule.recoverNoise(g, k, xk, u, path.get(k + 1));
      Operand<TFloating> c = rule.weightCost(g, k, cost(g, in, u, false));
      Operand<TFloating> i = rule.ito(g, k, in.a(), n);
      running = running == null ? c : Floating.view(tf.math.add(running, c));
      itoSum = itoSum == null ? i : Floating.view(tf.math.add(itoSum, i));
    }
    return new Result(running, itoSum, path.get(path.size() - 1), path);
  }

  /** c_k = ½|a|² or ⟨a, w − ½b⟩, plus the extra cost. */
  private static Operand<TFloating> cost(
      GraphContext g, Coupling.Integrands in, Operand<TFloating> w, boolean detached) {
    Ops tf = g.tf();
    Operand<org.tensorflow.types.TInt32> axis1 = tf.constant(1);
    Operand<TFloating> a = in.a();
    Operand<TFloating> c =
        detached
            ? Floating.view(tf.sum(tf.math.mul(a, tf.math.sub(w, tf.math.mul(in.b(), g.scalar(0.5)))), axis1))
            : Floating.view(tf.math.mul(tf.sum(tf.math.square(a), axis1), g.scalar(0.5)));
    return in.extraCost() == null ? c : Floating.view(tf.math.add(c, in.extraCost()));
  }
}
