package dev.pathspace.testkit;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import java.util.OptionalDouble;

/**
 * Test fixture: the linear VP schedule of docs/math.md §1.4 with closed-form transitions (β(t) = βmin + (βmax −
 * βmin) t/T in noising time; generative drift +½β(T−s)x, diffusion κ√β(T−s)) on a uniform grid.
 */
public final class VpFixtureSchedule implements SdeSchedule {
  private final double betaMin;
  private final double betaMax;
  private final double scale;
  private final double terminal;

  /** vp_10 of the reference: βmin 0.1, βmax 10, κ 1, T 1. */
  public VpFixtureSchedule() {
    this(0.1, 10.0, 1.0, 1.0);
  }

  /**
   * @param betaMin β at noising time 0
   * @param betaMax β at noising time T
   * @param scale κ
   * @param terminal T
   */
  public VpFixtureSchedule(double betaMin, double betaMax, double scale, double terminal) {
    this.betaMin = betaMin;
    this.betaMax = betaMax;
    this.scale = scale;
    this.terminal = terminal;
  }

  private double beta(double t) {
    return betaMin + (betaMax - betaMin) * t / terminal;
  }

  private double betaIntegral(double t0, double t1) {
    return 0.5 * (beta(t0) + beta(t1)) * (t1 - t0);
  }

  @Override
  public String id() {
    return "vp-fixture";
  }

  @Override
  public double terminalTime() {
    return terminal;
  }

  @Override
  public double driftCoeff(double s) {
    return 0.5 * beta(terminal - s);
  }

  @Override
  public double diffusion(double s) {
    return scale * Math.sqrt(beta(terminal - s));
  }

  @Override
  public double integratedDrift(double s0, double s1) {
    return 0.5 * betaIntegral(terminal - s1, terminal - s0);
  }

  @Override
  public Transition generativeTransition(double s0, double s1) {
    double a = Math.exp(integratedDrift(s0, s1));
    return new Transition(a, scale * scale * (a * a - 1));
  }

  @Override
  public Transition noisingTransition(double t0, double t1) {
    double a = Math.exp(-0.5 * betaIntegral(t0, t1));
    return new Transition(a, scale * scale * (1 - a * a));
  }

  @Override
  public OptionalDouble stationaryStd() {
    return OptionalDouble.of(scale);
  }

  @Override
  public TimeGrid grid(int steps) {
    return TimeGrid.uniform(terminal, steps);
  }
}
