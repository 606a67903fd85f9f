package dev.pathspace.schedules;

import jakarta.inject.Inject;

/**
 * Variance-preserving schedule with linear β (spec §1.4, {@code VP}; Song et al. 2021 VP-SDE, used by
 * DIS/DDS in Berner, Richter &amp; Ullrich, TMLR 2024): β(t) = β_min + (β_max − β_min)·t/T in noising time,
 * generative drift {@code +½β(T−s)·x}, diffusion κ√β(T−s). ∫β is the trapezoid rule, exact for linear β.
 * Defaults are {@code conf/sde/vp_10.yaml}.
 */
public final class VpLinearSchedule extends AbstractVpSchedule {
  /**
   * @param betaMin β at noising time 0 (generative s = T), &gt; 0
   * @param betaMax β at noising time T (generative s = 0), &gt; betaMin
   * @param scale κ, the stationary standard deviation, &gt; 0
   * @param terminalTime T &gt; 0
   * @param grid time grid rule: uniform | quad | cosine
   */
  public record Params(double betaMin, double betaMax, double scale, double terminalTime, GridRule grid) {
    /** Validates ranges and the grid option. */
    public Params {
      if (!(betaMin > 0)) {
        throw new IllegalArgumentException("betaMin must be > 0 (got " + betaMin + ")");
      }
      if (!(betaMax > betaMin) || Double.isInfinite(betaMax)) {
        throw new IllegalArgumentException(
            "betaMax must be finite and > betaMin = " + betaMin + " (got " + betaMax + ")");
      }
      if (!(scale > 0) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("scale must be finite and > 0 (got " + scale + ")");
      }
      if (!(terminalTime > 0) || Double.isInfinite(terminalTime)) {
        throw new IllegalArgumentException("terminalTime must be finite and > 0 (got " + terminalTime + ")");
      }
      TimeGrids.validate(grid);
    }

    /** β_min 0.1, β_max 10, κ 1, T 1, uniform grid (spec vp_10). */
    public static Params defaults() {
      return new Params(0.1, 10.0, 1.0, 1.0, GridRule.UNIFORM);
    }
  }

  private final Params params;

  /** Creates the schedule. */
  @Inject
  public VpLinearSchedule(Params params) {
    super(params.scale(), params.terminalTime(), params.grid());
    this.params = params;
  }

  @Override
  public String id() {
    return "vp-linear";
  }

  @Override
  double beta(double t) {
    return params.betaMin() + (params.betaMax() - params.betaMin()) * t / params.terminalTime();
  }

  @Override
  double betaIntegral(double t0, double t1) {
    return 0.5 * (beta(t0) + beta(t1)) * (t1 - t0);
  }
}
