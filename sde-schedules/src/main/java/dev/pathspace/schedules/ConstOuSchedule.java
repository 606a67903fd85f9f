package dev.pathspace.schedules;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import jakarta.inject.Inject;
import java.util.OptionalDouble;

/**
 * Constant-coefficient Ornstein–Uhlenbeck reference (spec §1.2 {@code ConstOU}; DIS in Berner, Richter &amp;
 * Ullrich, TMLR 2024, {@code conf/sde/const.yaml}): the noising process is {@code dY = −aY dt + b dW}
 * with stationary law N(0, b²/(2a)); its time reversal reference in generative time has c(s) = +a and
 * σ(s) = b. Noising transition over Δ: mean factor e^{−aΔ}, variance b²/(2a)(1 − e^{−2aΔ}); generative:
 * e^{aΔ} and b²/(2a)(e^{2aΔ} − 1).
 */
public final class ConstOuSchedule implements SdeSchedule {
  /**
   * @param driftCoeff a &gt; 0 (for a = 0 use {@code brownian})
   * @param diffCoeff b &gt; 0
   * @param terminalTime T &gt; 0
   * @param grid time grid rule: uniform | quad | cosine
   */
  public record Params(double driftCoeff, double diffCoeff, double terminalTime, GridRule grid) {
    /** Validates ranges and the grid option. */
    public Params {
      if (!(driftCoeff > 0) || Double.isInfinite(driftCoeff)) {
        throw new IllegalArgumentException(
            "driftCoeff must be finite and > 0 (got " + driftCoeff + "); use the brownian schedule for 0");
      }
      if (!(diffCoeff > 0) || Double.isInfinite(diffCoeff)) {
        throw new IllegalArgumentException("diffCoeff must be finite and > 0 (got " + diffCoeff + ")");
      }
      if (!(terminalTime > 0) || Double.isInfinite(terminalTime)) {
        throw new IllegalArgumentException("terminalTime must be finite and > 0 (got " + terminalTime + ")");
      }
      TimeGrids.validate(grid);
    }

    /** a 4.5, b 3, T 1, uniform grid (spec const.yaml; stationary std 1). */
    public static Params defaults() {
      return new Params(4.5, 3.0, 1.0, GridRule.UNIFORM);
    }
  }

  private final Params params;

  /** Creates the schedule. */
  @Inject
  public ConstOuSchedule(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "const-ou";
  }

  @Override
  public double terminalTime() {
    return params.terminalTime();
  }

  @Override
  public double driftCoeff(double s) {
    return params.driftCoeff();
  }

  @Override
  public double diffusion(double s) {
    return params.diffCoeff();
  }

  @Override
  public double integratedDrift(double s0, double s1) {
    return params.driftCoeff() * (s1 - s0);
  }

  private double stationaryVariance() {
    return params.diffCoeff() * params.diffCoeff() / (2 * params.driftCoeff());
  }

  @Override
  public Transition generativeTransition(double s0, double s1) {
    double a = params.driftCoeff();
    return new Transition(Math.exp(a * (s1 - s0)), stationaryVariance() * Math.expm1(2 * a * (s1 - s0)));
  }

  @Override
  public Transition noisingTransition(double t0, double t1) {
    double a = params.driftCoeff();
    return new Transition(Math.exp(-a * (t1 - t0)), -stationaryVariance() * Math.expm1(-2 * a * (t1 - t0)));
  }

  @Override
  public OptionalDouble stationaryStd() {
    return OptionalDouble.of(Math.sqrt(stationaryVariance()));
  }

  @Override
  public TimeGrid grid(int steps) {
    return TimeGrids.build(params.grid(), params.terminalTime(), steps);
  }
}
