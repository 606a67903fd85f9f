package dev.pathspace.samplers.hjb;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Transition;
import java.util.OptionalDouble;

/**
 * Which optimal control to compute, as a function of generative time s (docs/math.md §13): each sampler's
 * u*(s, x) is {@code linear(s)·x + gain(s)·∇_x G_s(x)} with G_s the log-convolution of q with the
 * Gaussian kernel {@link #kernel(double)}, where q = log ρ (DIS) or log ρ − log p_ref (PIS, DDS):
 *
 * <ul>
 *   <li>{@link Family#DIS}: G = log p^{noise}_{T−s}, kernel N(x; a y, v) with (a, v) the noising
 *       transition over [0, T − s]; gain σ(s) (Berner, Richter &amp; Ullrich 2024).
 *   <li>{@link Family#PIS}: G = log h, h(s, x) = ∫ N(y; x, τ) ρ/p_ref(y) dy, τ = ∫_s^T σ², p_ref the
 *       reference's law at T from δ_{priorLoc}; gain σ(s) (Zhang &amp; Chen 2022).
 *   <li>{@link Family#DDS_EXPONENTIAL}: h under the OU dX = −½α²X ds + ασ dW: a = e^{−½α²(T−s)}, τ =
 *       σ²(1 − a²), p_ref = N(0, σ²); gain 1 (Vargas, Grathwohl &amp; Doucet 2023; the continuous-time
 *       limit of the exponential integrator).
 *   <li>{@link Family#DDS_EULER}: h under the stationary OU of a VP schedule with stationary std κ: a =
 *       e^{−∫_s^T c}, τ = κ²(1 − a²), p_ref = N(0, κ²); gain σ(s), linear −σ(s)/κ² (the reference control).
 * </ul>
 *
 * These match the closed forms of testkit {@code OptimalControls} for Gaussian targets.
 */
public final class ControlProblem {
  /** The sampler family whose control is computed. */
  public enum Family {
    /** Time-reversed diffusion sampler. */
    DIS,
    /** Path integral sampler. */
    PIS,
    /** Denoising diffusion sampler, exponential integrator. */
    DDS_EXPONENTIAL,
    /** Denoising diffusion sampler, Euler–Maruyama on a VP schedule. */
    DDS_EULER
  }

  /**
   * The coefficients at one time: u*(s, x) = linear·x + gain·∇G(x), G with {@code kernel}; a null kernel
   * means the degenerate limit τ = 0 (s = T), where ∇G = (b/c)∇q(b x/c) with b = c = 1.
   *
   * @param kernel the convolution kernel, or null at s = T
   * @param gain factor on ∇G
   * @param linear factor on x
   */
  public record Coefficients(GaussianKernel kernel, double gain, double linear) {}

  private final Family family;
  private final SdeSchedule schedule;
  private final double terminal;
  private final double alpha;
  private final double refLoc;
  private final double refVar;
  private final double referenceStd;

  private ControlProblem(
      Family family, SdeSchedule schedule, double terminal, double alpha, double refLoc, double refVar,
      double referenceStd) {
    this.family = family;
    this.schedule = schedule;
    this.terminal = terminal;
    this.alpha = alpha;
    this.refLoc = refLoc;
    this.refVar = refVar;
    this.referenceStd = referenceStd;
  }

  /** DIS on a schedule with a Gaussian stationary law. */
  public static ControlProblem dis(SdeSchedule schedule) {
    OptionalDouble k = schedule.stationaryStd();
    if (k.isEmpty()) {
      throw new IllegalArgumentException(
          "DIS needs a schedule with a stationary law; '" + schedule.id() + "' has none");
    }
    return new ControlProblem(Family.DIS, schedule, schedule.terminalTime(), 0, 0, Double.NaN, k.getAsDouble());
  }

  /** PIS on a drift-free schedule from δ_{priorLoc}. */
  public static ControlProblem pis(SdeSchedule schedule, double priorLoc) {
    if (!schedule.driftFree()) {
      throw new IllegalArgumentException("PIS needs a drift-free schedule; '" + schedule.id() + "' has drift");
    }
    Transition whole = schedule.generativeTransition(0, schedule.terminalTime());
    return new ControlProblem(
        Family.PIS, schedule, schedule.terminalTime(), 0, priorLoc * whole.meanScale(), whole.variance(),
        Math.sqrt(whole.variance()));
  }

  /** DDS with the exponential integrator (parameters α, σ) on [0, T]. */
  public static ControlProblem ddsExponential(double alpha, double sigma, double terminal) {
    if (!(alpha > 0) || !(sigma > 0) || !(terminal > 0)) {
      throw new IllegalArgumentException("DDS needs alpha, sigma, terminal > 0");
    }
    return new ControlProblem(Family.DDS_EXPONENTIAL, null, terminal, alpha, 0, sigma * sigma, sigma);
  }

  /** DDS with Euler–Maruyama on a VP schedule of stationary std κ. */
  public static ControlProblem ddsEuler(SdeSchedule schedule) {
    OptionalDouble k = schedule.stationaryStd();
    if (k.isEmpty()) {
      throw new IllegalArgumentException(
          "DDS (euler) needs a schedule with a stationary law; '" + schedule.id() + "' has none");
    }
    double kappa = k.getAsDouble();
    return new ControlProblem(
        Family.DDS_EULER, schedule, schedule.terminalTime(), 0, 0, kappa * kappa, kappa);
  }

  /** The family. */
  public Family family() {
    return family;
  }

  /** T. */
  public double terminalTime() {
    return terminal;
  }

  /** True when q = log ρ − log N(refLoc, refVar) (PIS, DDS); false for DIS (q = log ρ). */
  public boolean usesRatio() {
    return family != Family.DIS;
  }

  /** Location of p_ref (every coordinate). */
  public double refLoc() {
    return refLoc;
  }

  /** Variance of p_ref. */
  public double refVar() {
    return refVar;
  }

  /** A std of the reference's marginals (κ, or √(∫σ²) for Brownian): sets the extent of the output grid. */
  public double referenceStd() {
    return referenceStd;
  }

  /** Location the reference's marginals are centred at. */
  public double referenceLoc() {
    return family == Family.PIS ? refLoc : 0;
  }

  /**
   * log of the optimally controlled process's marginal at s up to a constant, given G at x: the Doob
   * h-transform of the reference, so log p_ref,s(x) + G(x) for PIS/DDS (p_ref,s the reference's law at s)
   * and G itself for DIS (G = log p^{noise}_{T−s}). Used to restrict error estimates to where the process
   * has mass.
   */
  public double logMarginal(double s, double[] x, double g) {
    if (family == Family.DIS) {
      return g;
    }
    double var = family == Family.PIS ? schedule.generativeTransition(0, Math.max(s, 1e-12)).variance() : refVar;
    double loc = family == Family.PIS ? refLoc : 0;
    double sq = 0;
    for (double c : x) {
      sq += (c - loc) * (c - loc);
    }
    return g - 0.5 * sq / var;
  }

  /** The coefficients at generative time s ∈ [0, T]. */
  public Coefficients at(double s) {
    if (!(s >= 0 && s <= terminal * (1 + 1e-12))) {
      throw new IllegalArgumentException("time " + s + " outside [0, " + terminal + "]");
    }
    switch (family) {
      case DIS -> {
        double t = terminal - s;
        double sigma = schedule.diffusion(s);
        if (t <= 0) {
          return new Coefficients(null, sigma, 0);
        }
        Transition tr = schedule.noisingTransition(0, t);
        return new Coefficients(kernelOrNull(1, tr.meanScale(), tr.variance()), sigma, 0);
      }
      case PIS -> {
        double tau = s >= terminal ? 0 : schedule.generativeTransition(s, terminal).variance();
        return new Coefficients(kernelOrNull(1, 1, tau), schedule.diffusion(s), 0);
      }
      case DDS_EXPONENTIAL -> {
        double a = Math.exp(-0.5 * alpha * alpha * (terminal - s));
        return new Coefficients(kernelOrNull(a, 1, refVar * (1 - a * a)), 1, 0);
      }
      case DDS_EULER -> {
        double a = s >= terminal ? 1 : Math.exp(-schedule.integratedDrift(s, terminal));
        double sigma = schedule.diffusion(s);
        return new Coefficients(kernelOrNull(a, 1, refVar * (1 - a * a)), sigma, -sigma / refVar);
      }
      default -> throw new IllegalStateException(family.toString());
    }
  }

  private static GaussianKernel kernelOrNull(double b, double c, double v) {
    return v > 0 ? new GaussianKernel(b, c, v) : null;
  }
}
