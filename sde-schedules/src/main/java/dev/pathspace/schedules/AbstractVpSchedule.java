package dev.pathspace.schedules;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import java.util.OptionalDouble;

/**
 * Shared math of variance-preserving schedules (spec §1.4) given a noising-time rate β(t) ≥ 0: the
 * noising SDE is {@code dY = −½β(t) Y dt + κ√β(t) dW}; in generative time s = T − t the reference is
 * {@code dX = +½β(T−s) X ds + κ√β(T−s) dW}. Transitions follow from the linear variance ODE
 * {@code v' = ∓β v ± κ²β}: noising mean factor e^{−½∫β}, variance κ²(1 − e^{−∫β}); generative mean
 * factor e^{+½∫β}, variance κ²(e^{∫β} − 1).
 */
abstract class AbstractVpSchedule implements SdeSchedule {
  private final double scale;
  private final double terminalTime;
  private final GridRule grid;

  AbstractVpSchedule(double scale, double terminalTime, GridRule grid) {
    this.scale = scale;
    this.terminalTime = terminalTime;
    this.grid = grid;
  }

  /** β(t) in noising time t ∈ [0, T]. */
  abstract double beta(double t);

  /** ∫_{t0}^{t1} β(t) dt in noising time (signed). */
  abstract double betaIntegral(double t0, double t1);

  @Override
  public double terminalTime() {
    return terminalTime;
  }

  @Override
  public double driftCoeff(double s) {
    return 0.5 * beta(terminalTime - s);
  }

  @Override
  public double diffusion(double s) {
    return scale * Math.sqrt(beta(terminalTime - s));
  }

  @Override
  public double integratedDrift(double s0, double s1) {
    return 0.5 * betaIntegral(terminalTime - s1, terminalTime - s0);
  }

  @Override
  public Transition generativeTransition(double s0, double s1) {
    double i = betaIntegral(terminalTime - s1, terminalTime - s0);
    return new Transition(Math.exp(0.5 * i), scale * scale * Math.expm1(i));
  }

  @Override
  public Transition noisingTransition(double t0, double t1) {
    double i = betaIntegral(t0, t1);
    return new Transition(Math.exp(-0.5 * i), -scale * scale * Math.expm1(-i));
  }

  @Override
  public OptionalDouble stationaryStd() {
    return OptionalDouble.of(scale);
  }

  @Override
  public TimeGrid grid(int steps) {
    return TimeGrids.build(grid, terminalTime, steps);
  }
}
