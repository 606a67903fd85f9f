package dev.pathspace.api;

/**
 * Everything a sampler needs to unroll one batch of trajectories.
 *
 * @param schedule the reference SDE
 * @param target the unnormalised target
 * @param batch number of trajectories (already multiplied by trajectories per sample)
 * @param timesteps number of time intervals N
 * @param requirements what the divergence (or evaluation) needs
 * @param noise the noise source of this unroll
 * @param training true for the training unroll, false for evaluation (all constants included either way)
 */
public record SimulationRequest(
    SdeSchedule schedule,
    Target target,
    int batch,
    int timesteps,
    SimulationRequirements requirements,
    Noise noise,
    boolean training) {
  /** Validates sizes. */
  public SimulationRequest {
    if (batch < 1 || timesteps < 1) {
      throw new IllegalArgumentException("batch and timesteps must be >= 1");
    }
  }
}
