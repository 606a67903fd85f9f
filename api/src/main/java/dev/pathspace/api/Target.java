package dev.pathspace.api;

import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * An unnormalised target density ρ on R^d with Z = ∫ρ. Log density and score are TF ops; the rest is
 * plain Java.
 */
public interface Target {
  /** Registry key. */
  String id();

  /** Dimension d. */
  int dim();

  /** log ρ(x) for x {@code [B, d]}, returns {@code [B]}. */
  Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x);

  /** ∇ log ρ(x), {@code [B, d]}; closed form where possible (differentiable in x). */
  Operand<TFloating> score(GraphContext g, Operand<TFloating> x);

  /** The true log Z, when known (analytic, quadrature or literature). */
  OptionalDouble logZ();

  /** Exact sampling, when available. */
  default Optional<GroundTruthSampler> groundTruth() {
    return Optional.empty();
  }

  /** Ground-truth per-dimension mean and std, when known. */
  default Optional<Moments> moments() {
    return Optional.empty();
  }

  /** Number of mixture modes with their centres (for mode coverage), when meaningful. */
  default Optional<double[][]> modes() {
    return Optional.empty();
  }

  /**
   * Warnings for parameters far outside the range the target is documented and tested for (e.g. a
   * location of 1e30): the run goes on, but the user is told before any work, naming the full key.
   */
  default java.util.List<String> sanityWarnings() {
    return java.util.List.of();
  }

  /** A box that holds essentially all mass, used for plots. */
  Domain domain();
}
