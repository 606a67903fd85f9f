package dev.pathspace.testkit;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import java.util.OptionalDouble;

/**
 * Test fixture: scaled Brownian motion dX = b dW on [0, T] (docs/math.md §1.3 ScaledBM; drift-free, no stationary
 * law) on a uniform grid. Default: the reference PIS schedule bm_pis, b = √0.2, T = 5 (b²T = 1).
 */
public final class BrownianFixtureSchedule implements SdeSchedule {
  private final double sigma;
  private final double terminal;

  /** bm_pis: σ = √0.2, T = 5. */
  public BrownianFixtureSchedule() {
    this(Math.sqrt(0.2), 5.0);
  }

  /**
   * @param sigma constant diffusion b
   * @param terminal T
   */
  public BrownianFixtureSchedule(double sigma, double terminal) {
    this.sigma = sigma;
    this.terminal = terminal;
  }

  @Override
  public String id() {
    return "brownian-fixture";
  }

  @Override
  public double terminalTime() {
    return terminal;
  }

  @Override
  public double driftCoeff(double s) {
    return 0;
  }

  @Override
  public double diffusion(double s) {
    return sigma;
  }

  @Override
  public double integratedDrift(double s0, double s1) {
    return 0;
  }

  @Override
  public Transition generativeTransition(double s0, double s1) {
    return new Transition(1, sigma * sigma * (s1 - s0));
  }

  @Override
  public Transition noisingTransition(double t0, double t1) {
    return new Transition(1, sigma * sigma * (t1 - t0));
  }

  @Override
  public OptionalDouble stationaryStd() {
    return OptionalDouble.empty();
  }

  @Override
  public boolean driftFree() {
    return true;
  }

  @Override
  public TimeGrid grid(int steps) {
    return TimeGrid.uniform(terminal, steps);
  }
}
