package dev.pathspace.api;

/**
 * A path-space divergence between the model path measure and the target path measure, turned into a
 * training loss from per-trajectory log Radon–Nikodym terms. Implementations declare what they need from
 * the simulation; samplers never test divergence names.
 */
public interface PathDivergence {
  /** The registry key, e.g. {@code log-variance}. */
  String id();

  /** Whether particles move with a detached control, whether the Itô term is needed, etc. */
  SimulationRequirements requirements();

  /**
   * The loss at the optimal control, where rnd ≡ −log Z up to discretisation: given the true
   * {@code logZ} and the spread of the batch's rnd ({@code rndVariance}, and {@code rndBias} = mean(rnd) +
   * log Z), the value the loss must take and the slack allowed. Empty when the divergence does not know
   * its optimum (then the optimal-control contract skips it, and says so).
   */
  default java.util.Optional<DivergenceOptimum> optimum(double logZ, double rndVariance, double rndBias) {
    return java.util.Optional.empty();
  }

  /** Builds the scalar loss from a training batch of log-RND terms. */
  DivergenceOutput loss(GraphContext g, RndTerms terms);
}
