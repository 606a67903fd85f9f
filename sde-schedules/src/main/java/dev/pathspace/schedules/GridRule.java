package dev.pathspace.schedules;

import dev.pathspace.api.OptionNames;

/**
 * The time-grid rules of the schedules' {@code grid} parameter (docs/math.md §3.1 {@code get_timesteps}),
 * config values {@code uniform}, {@code quad} and {@code cosine}; built by {@link TimeGrids}.
 */
public enum GridRule {
  /** Equal intervals. */
  UNIFORM,
  /** s_k = T·√(k/N): large steps near s = 0, small near s = T. */
  QUAD,
  /** The cosine rule of DDS (Nichol &amp; Dhariwal 2021). */
  COSINE;

  /** The config value. */
  @Override
  public String toString() {
    return OptionNames.of(this);
  }

}
