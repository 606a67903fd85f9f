package dev.pathspace.api;

/**
 * What a divergence needs from the simulation.
 *
 * @param detachedControl move particles with a stop-gradient copy of the control (off-policy: no
 *     back-propagation through the solver; running costs in the "w-form", docs/math.md §4.4)
 * @param itoIntegral accumulate the stochastic integral term of the log Radon–Nikodym derivative
 * @param trajectoriesPerSample independent trajectories per initial point (block order, docs/math.md §4.0)
 */
public record SimulationRequirements(
    boolean detachedControl, boolean itoIntegral, int trajectoriesPerSample) {
  /** Validates the counts. */
  public SimulationRequirements {
    if (trajectoriesPerSample < 1) {
      throw new IllegalArgumentException("trajectoriesPerSample must be >= 1, got " + trajectoriesPerSample);
    }
  }

  /** On-policy reparameterised simulation without the Itô term (reverse KL, reference "kl"). */
  public static SimulationRequirements reparameterised() {
    return new SimulationRequirements(false, false, 1);
  }

  /** Off-policy simulation with the Itô term (log-variance, moment). */
  public static SimulationRequirements offPolicy() {
    return new SimulationRequirements(true, true, 1);
  }
}
