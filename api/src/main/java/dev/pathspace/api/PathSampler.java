package dev.pathspace.api;

/**
 * A diffusion-based sampler (DIS, PIS, DDS, bridge, Langevin): it knows its prior, its reference process
 * and its controls, and unrolls a batch of trajectories into log Radon–Nikodym terms.
 */
public interface PathSampler {
  /** Registry key. */
  String id();

  /**
   * The schedule used when the configuration does not name one: a registry key, optionally followed by
   * whitespace-separated {@code param=value} defaults for it (e.g. {@code "vp-linear terminalTime=12.8
   * grid=cosine"}); the user's schedule parameters still override them.
   */
  String defaultSchedule();

  /**
   * Fails with a {@link ConfigException} naming the valid choices if this sampler cannot use the
   * schedule or the target.
   */
  void validate(SdeSchedule schedule, Target target);

  /** Whether the sampler has trainable parameters (the Langevin baseline has none). */
  default boolean trainable() {
    return true;
  }

  /**
   * A copy of this sampler whose (generative) control is replaced by a fixed field, e.g. a closed-form
   * optimal control in analytic tests; empty if the sampler does not support it.
   */
  default java.util.Optional<PathSampler> withControl(ControlField control) {
    return java.util.Optional.empty();
  }

  /**
   * Per-step increments for off-policy chunked gradients, bound to the request's time grid; empty if
   * the sampler does not support them (the engine then differentiates the whole unroll). Samplers that
   * support them must also return the state path in {@link RndTerms#path()} for detached simulations.
   */
  default java.util.Optional<OffPolicyIncrements> offPolicyIncrements(GraphContext g, SimulationRequest request) {
    return java.util.Optional.empty();
  }

  /** Builds the unrolled simulation for one batch. */
  RndTerms simulate(GraphContext g, SimulationRequest request);
}
