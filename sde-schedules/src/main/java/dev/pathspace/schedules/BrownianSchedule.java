package dev.pathspace.schedules;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import jakarta.inject.Inject;
import java.util.OptionalDouble;

/**
 * Scaled Brownian motion reference (spec §1.3 {@code ScaledBM}): c ≡ 0, σ ≡ b; the PIS reference (Zhang
 * &amp; Chen 2022, "Path integral sampler"). Transitions over Δ in either direction: mean factor 1,
 * variance b²Δ. No stationary law. Defaults are {@code conf/sde/bm_pis.yaml} (b = √0.2, T = 5, so
 * b²T = 1 and the law at T from δ_0 is N(0, I)).
 */
public final class BrownianSchedule implements SdeSchedule {
  /**
   * @param diffCoeff b &gt; 0
   * @param terminalTime T &gt; 0
   * @param grid time grid rule: uniform | quad | cosine
   */
  public record Params(double diffCoeff, double terminalTime, GridRule grid) {
    /** Validates ranges and the grid option. */
    public Params {
      if (!(diffCoeff > 0) || Double.isInfinite(diffCoeff)) {
        throw new IllegalArgumentException("diffCoeff must be finite and > 0 (got " + diffCoeff + ")");
      }
      if (!(terminalTime > 0) || Double.isInfinite(terminalTime)) {
        throw new IllegalArgumentException("terminalTime must be finite and > 0 (got " + terminalTime + ")");
      }
      TimeGrids.validate(grid);
    }

    /** b = √0.2, T = 5, uniform grid (spec bm_pis). */
    public static Params defaults() {
      return new Params(Math.sqrt(0.2), 5.0, GridRule.UNIFORM);
    }
  }

  private final Params params;

  /** Creates the schedule. */
  @Inject
  public BrownianSchedule(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "brownian";
  }

  @Override
  public double terminalTime() {
    return params.terminalTime();
  }

  @Override
  public double driftCoeff(double s) {
    return 0.0;
  }

  @Override
  public double diffusion(double s) {
    return params.diffCoeff();
  }

  @Override
  public double integratedDrift(double s0, double s1) {
    return 0.0;
  }

  private Transition over(double dt) {
    return new Transition(1.0, params.diffCoeff() * params.diffCoeff() * dt);
  }

  @Override
  public Transition generativeTransition(double s0, double s1) {
    return over(s1 - s0);
  }

  @Override
  public Transition noisingTransition(double t0, double t1) {
    return over(t1 - t0);
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
    return TimeGrids.build(params.grid(), params.terminalTime(), steps);
  }
}
