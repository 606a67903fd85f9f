package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A sampler's generative control u(s_k, x) bound to one simulation's time grid (the control its chain is
 * driven by, trained or fixed), evaluable at any state: what the {@code control_error} metric compares with
 * the exact optimal control (docs/math.md §14). Built in the caller's graph context, so it reads the same
 * weights as the sampler's simulations there.
 */
public interface BoundControl {
  /** The simulation's time grid s_0 &lt; … &lt; s_N. */
  TimeGrid grid();

  /**
   * The factor of ½|u − u'|² in the Kullback–Leibler divergence of step k's Gaussian transitions under two
   * controls u, u' (the weight of the running cost ½|u|² in the log-RND): Δs_k for Euler–Maruyama of dX = (f
   * + σu) ds + σ dW, β_k²σ² for the DDS exponential integrator (docs/math.md §14).
   */
  double klWeight(int k);

  /** u(s_k, x), {@code [B, d]} for x {@code [B, d]}. */
  Operand<TFloating> apply(GraphContext g, int k, Operand<TFloating> x);
}
