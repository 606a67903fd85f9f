package dev.pathspace.api;

/**
 * A diffusion-based sampler (DIS, PIS, DDS, bridge, Langevin): it knows its prior, its reference process
 * and its controls, and unrolls a batch of trajectories into log Radon–Nikodym terms.
 */
public interface PathSampler {
  /** Registry key. */
  String id();

  /**
   * The schedule used when the configuration says {@code schedule: auto}: a registry key with parameter
   * values that replace the schedule's defaults (e.g. {@code ScheduleRef.of("vp-linear").with("grid",
   * "cosine")}); the user's schedule parameters still override them.
   */
  ScheduleRef defaultSchedule();

  /**
   * What this sampler requires of its schedule. The composition root checks it before
   * {@link #validate} and reports a failure with the registered schedules that satisfy it.
   */
  default ScheduleRequirement scheduleRequirement() {
    return ScheduleRequirement.ANY;
  }

  /**
   * Further checks of the combination beyond {@link #scheduleRequirement()} (e.g. a parameter that must
   * match the schedule, or a target dimension); fails with a {@link ConfigException} naming the key, the
   * value and the valid choices. Runs once, when the run is planned, with a schedule that already
   * satisfies the requirement.
   */
  default void validate(SdeSchedule schedule, Target target) {}

  /**
   * Warnings about pairing this sampler with a divergence that simulates with {@code needs} (e.g. a loss
   * that groups trajectories by their start point and so cannot see a term of the sampler's log-RND that
   * depends on the start point only): the run goes on, but the user is told before any work. Empty by
   * default.
   */
  default java.util.List<String> pairingWarnings(SimulationRequirements needs) {
    return java.util.List.of();
  }

  /** Whether the sampler has trainable parameters (the Langevin baseline has none). */
  default boolean trainable() {
    return true;
  }

  /**
   * The number of trainable scalars this sampler creates on a target of dimension {@code dim}, counted
   * from its network shapes without building a graph (what {@code pathspace list} prints for the reference
   * presets); empty when the sampler cannot say. A sampler that answers must answer the size of the
   * variables it builds (the samplers' tests compare the two). Default: 0 for an untrainable sampler,
   * otherwise empty.
   */
  default java.util.OptionalLong parameterCount(int dim) {
    return trainable() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(0);
  }

  /**
   * A copy of this sampler whose (generative) control is replaced by a fixed field, e.g. a closed-form
   * optimal control in analytic tests; empty if the sampler does not support it.
   */
  default java.util.Optional<PathSampler> withControl(ControlField control) {
    return java.util.Optional.empty();
  }

  /**
   * The generative control of this sampler (trained or fixed) bound to the request's time grid, for
   * diagnostics that evaluate it off the simulation (the {@code control_error} metric, docs/math.md §14);
   * empty if the sampler has no such control (e.g. the Langevin baseline).
   */
  default java.util.Optional<BoundControl> boundControl(GraphContext g, SimulationRequest request) {
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

  /**
   * The request's simulation as one chunk graph of {@code chunk} steps (K ≥ 1) plus a start and a finish,
   * built into {@code g}'s graph and sharing its variables; empty if the sampler does not support it (the
   * engine then builds the unrolled graph). The start uses the request's noise; the chunk's steps use
   * fed noise keys (see {@link ChunkedSimulation}).
   */
  default java.util.Optional<ChunkedSimulation> chunkedSimulation(
      GraphContext g, SimulationRequest request, int chunk) {
    return java.util.Optional.empty();
  }

  /**
   * The log-RND terms of this sampler evaluated on trajectories of the <em>target</em> path measure (the
   * time reversal of the sampler's reference conditioned on X_T ~ π): the states X_N are the given exact
   * target samples {@code [request.batch(), d]} and X_{N−1}, …, X_0 are drawn backwards from the
   * reference's exact (or, where the sampler's discretisation defines it, discrete) backward transitions with
   * {@code request.noise()}. {@code −logRnd} are the log weights log w = log dP^ρ/dQ of the forward metrics
   * (EUBO = E_P[log w] ≥ log Z, forward ESS; docs/math.md §15). Empty when the sampler's target path measure
   * cannot be sampled (e.g. a learned noising process); the metrics then say so.
   */
  default java.util.Optional<RndTerms> targetPathRnd(
      GraphContext g, SimulationRequest request, org.tensorflow.Operand<org.tensorflow.types.family.TFloating> targetSamples) {
    return java.util.Optional.empty();
  }

  /**
   * {@link #targetPathRnd} as one chunk graph of {@code chunk} steps run from the last chunk to the first
   * (see {@link ChunkedTargetPath}), built into {@code g}'s graph and sharing its variables; empty if the
   * sampler has none (the engine then reports the forward metrics of chunk-graph runs as not computed).
   */
  default java.util.Optional<ChunkedTargetPath> chunkedTargetPath(GraphContext g, SimulationRequest request, int chunk) {
    return java.util.Optional.empty();
  }

  /** Builds the unrolled simulation for one batch. */
  RndTerms simulate(GraphContext g, SimulationRequest request);
}
