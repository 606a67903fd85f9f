package dev.pathspace.experiments.config;

/**
 * A fully resolved, validated run configuration (what {@code config.yaml} in the run directory holds).
 *
 * @param sampler sampler choice
 * @param divergence divergence choice
 * @param schedule schedule choice (resolved from the sampler's default when not given)
 * @param target target choice
 * @param train training settings
 * @param eval evaluation settings
 * @param seed run seed
 * @param precision {@code float32} or {@code float64}
 * @param intraThreads TF intra-op threads (0 = TF default)
 * @param interThreads TF inter-op threads (0 = TF default)
 * @param graphOptimization run TF's Grappler graph optimiser (faster steps, slower first step)
 */
public record RunConfig(
    ComponentChoice sampler,
    ComponentChoice divergence,
    ComponentChoice schedule,
    ComponentChoice target,
    TrainSettings train,
    EvalSettings eval,
    long seed,
    String precision,
    int intraThreads,
    int interThreads,
    boolean graphOptimization) {

  /** A configuration with graph optimisation off (the default). */
  public RunConfig(
      ComponentChoice sampler,
      ComponentChoice divergence,
      ComponentChoice schedule,
      ComponentChoice target,
      TrainSettings train,
      EvalSettings eval,
      long seed,
      String precision,
      int intraThreads,
      int interThreads) {
    this(sampler, divergence, schedule, target, train, eval, seed, precision, intraThreads, interThreads, false);
  }
}
