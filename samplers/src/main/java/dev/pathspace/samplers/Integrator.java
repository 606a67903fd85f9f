package dev.pathspace.samplers;

import dev.pathspace.api.OptionNames;

/**
 * The integrator option of DDS, config values {@code exponential} ({@link StepRule#exponential}) and
 * {@code euler} ({@link StepRule#euler} of the schedule's SDE with the stationary reference control).
 */
public enum Integrator {
  /** The exponential integrator of Vargas, Grathwohl &amp; Doucet (ICLR 2023). */
  EXPONENTIAL,
  /** Euler–Maruyama of the schedule's generative SDE. */
  EULER;

  /** The config value. */
  @Override
  public String toString() {
    return OptionNames.of(this);
  }

}
