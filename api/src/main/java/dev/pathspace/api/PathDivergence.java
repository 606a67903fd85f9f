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

  /** Builds the scalar loss from a training batch of log-RND terms. */
  DivergenceOutput loss(GraphContext g, RndTerms terms);
}
