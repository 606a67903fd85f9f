package dev.pathspace.schedules;

import jakarta.inject.Inject;

/**
 * Variance-preserving schedule with the cosine ᾱ of Nichol &amp; Dhariwal (2021, "Improved denoising
 * diffusion probabilistic models"), as the β-schedule of Beyond ELBOs (Blessing et al. 2024; spec §7.12,
 * §12.15): ᾱ(t) = f(t)/f(0), f(t) = cos²(π/2·(t/T + o)/(1 + o)), β(t) = −d log ᾱ/dt
 * = π·tan(π/2·(t/T + o)/(1 + o)) / (T(1 + o)).
 *
 * <p><b>Cap.</b> β(t) → ∞ as t → T (ᾱ(T) = 0), so β is capped: β_used(t) = min(β(t), betaMax), the
 * continuous-time analogue of Nichol &amp; Dhariwal's clipping of β_t at 0.999. β is increasing, so the cap
 * is active exactly on [t*, T] with t* = T·((2/π)·atan(betaMax·T(1+o)/π)·(1+o) − o) (defaults: t* ≈ 0.9008
 * T). All integrals use the capped β and are exact: ∫β = 2 log(cos φ(t0)/cos φ(t1)) on the uncapped part
 * plus betaMax·length on the capped part. Hence noising mean factor² from 0 is ᾱ(t) for t ≤ t*; at T it is
 * e^{−5.72} ≈ 0.0033 with the defaults.
 */
public final class VpCosineSchedule extends AbstractVpSchedule {
  /**
   * @param offset o &gt; 0 (0.008; keeps β(0) &gt; 0 so that σ(T) &gt; 0)
   * @param betaMax cap on β, &gt; 0
   * @param scale κ, the stationary standard deviation, &gt; 0
   * @param terminalTime T &gt; 0
   * @param grid time grid rule: uniform | quad | cosine
   */
  public record Params(double offset, double betaMax, double scale, double terminalTime, GridRule grid) {
    /** Validates ranges and the grid option. */
    public Params {
      if (!(offset > 0) || Double.isInfinite(offset)) {
        throw new IllegalArgumentException("offset must be finite and > 0 (got " + offset + ")");
      }
      if (!(betaMax > 0) || Double.isInfinite(betaMax)) {
        throw new IllegalArgumentException("betaMax must be finite and > 0 (got " + betaMax + ")");
      }
      if (!(scale > 0) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("scale must be finite and > 0 (got " + scale + ")");
      }
      if (!(terminalTime > 0) || Double.isInfinite(terminalTime)) {
        throw new IllegalArgumentException("terminalTime must be finite and > 0 (got " + terminalTime + ")");
      }
      TimeGrids.validate(grid);
    }

    /** o 0.008, betaMax 20, κ 1, T 1, uniform grid. */
    public static Params defaults() {
      return new Params(0.008, 20.0, 1.0, 1.0, GridRule.UNIFORM);
    }
  }

  private final Params params;
  private final double capStart;

  /** Creates the schedule. */
  @Inject
  public VpCosineSchedule(Params params) {
    super(params.scale(), params.terminalTime(), params.grid());
    this.params = params;
    double o = params.offset();
    double phiStar = Math.atan(params.betaMax() * params.terminalTime() * (1 + o) / Math.PI);
    this.capStart = Math.max(0, params.terminalTime() * (2 / Math.PI * phiStar * (1 + o) - o));
  }

  @Override
  public String id() {
    return "vp-cosine";
  }

  /** Noising time t* from which β is capped at betaMax. */
  public double capStart() {
    return capStart;
  }

  private double phi(double t) {
    double o = params.offset();
    return Math.PI / 2 * (t / params.terminalTime() + o) / (1 + o);
  }

  @Override
  double beta(double t) {
    if (t >= capStart) {
      return params.betaMax();
    }
    double raw = Math.PI * Math.tan(phi(t)) / (params.terminalTime() * (1 + params.offset()));
    return Math.min(raw, params.betaMax());
  }

  /** ∫_0^t β_used, piecewise exact. */
  private double cumulative(double t) {
    if (t <= capStart) {
      return 2 * Math.log(Math.cos(phi(0)) / Math.cos(phi(t)));
    }
    return cumulative(capStart) + params.betaMax() * (t - capStart);
  }

  @Override
  double betaIntegral(double t0, double t1) {
    if (t0 <= capStart && t1 <= capStart) {
      return 2 * Math.log(Math.cos(phi(t0)) / Math.cos(phi(t1)));
    }
    if (t0 >= capStart && t1 >= capStart) {
      return params.betaMax() * (t1 - t0);
    }
    return cumulative(t1) - cumulative(t0);
  }
}
