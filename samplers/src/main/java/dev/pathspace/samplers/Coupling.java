package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.SdeSchedule;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * How the control u of step k enters the log-RND together with a second, sampler-specific control
 * (docs/math.md §4.1, §4.2, §4.4): the Itô integrand a, the vector b of the detached running cost ⟨a, w −
 * ½b⟩ (on-policy: ½|a|²), and an optional extra per-unit cost. Without a second control a = b = u; with
 * a reference control r (EulerDDS) a = u − r, b = u + r; with an inference control v (bridge) a = u + v,
 * b = u − v and the extra cost σ(s)∇·v.
 */
@FunctionalInterface
interface Coupling {
  /** The integrands of step k at state x for the control value u. */
  Integrands apply(GraphContext g, int k, double s, Operand<TFloating> x, Operand<TFloating> u);

  /**
   * @param a the Itô integrand (and the on-policy cost ½|a|²)
   * @param b the second factor of the detached cost ⟨a, w − ½b⟩
   * @param extraCost an additional per-unit running cost {@code [B]}, or null
   */
  record Integrands(Operand<TFloating> a, Operand<TFloating> b, Operand<TFloating> extraCost) {}

  /** An inference control v and its divergence ∇·v at grid step k. */
  @FunctionalInterface
  interface InferenceControl {
    /** v(s, x) {@code [B, d]} and ∇_x·v(s, x) {@code [B]}. */
    VDiv apply(GraphContext g, int k, double s, Operand<TFloating> x);
  }

  /** v and ∇·v. */
  record VDiv(Operand<TFloating> v, Operand<TFloating> divergence) {}

  /** a = b = u (DIS, PIS, DDS). */
  static Coupling none() {
    return (g, k, s, x, u) -> new Integrands(u, u, null);
  }

  /** a = u − r, b = u + r for a reference control r. */
  static Coupling reference(StepControl r) {
    return (g, k, s, x, u) -> {
      Operand<TFloating> rv = r.apply(g, k, s, x);
      Ops tf = g.tf();
      return new Integrands(Floating.view(tf.math.sub(u, rv)), Floating.view(tf.math.add(u, rv)), null);
    };
  }

  /** a = u + v, b = u − v, extra cost σ(s)∇·v for an inference control v. */
  static Coupling inference(InferenceControl v, SdeSchedule sde) {
    return (g, k, s, x, u) -> {
      VDiv vd = v.apply(g, k, s, x);
      Ops tf = g.tf();
      return new Integrands(
          Floating.view(tf.math.add(u, vd.v())),
          Floating.view(tf.math.sub(u, vd.v())),
          Floating.view(tf.math.mul(vd.divergence(), g.scalar(sde.diffusion(s)))));
    };
  }
}
