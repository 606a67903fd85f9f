package dev.pathspace.api;

import java.util.OptionalDouble;

/**
 * The uncontrolled reference SDE {@code dX_s = c(s) X_s ds + σ(s) dW_s} in generative time s ∈ [0, T]
 * (s = 0 prior, s = T target). Its time reversal, the noising process {@code Y_t = X_{T−t}} reference,
 * is {@code dY_t = −c(T−t) Y_t dt + σ(T−t) dW_t}. All coefficients are plain Java: the time grid is
 * known when the graph is built.
 */
public interface SdeSchedule {
  /** Registry key. */
  String id();

  /** T. */
  double terminalTime();

  /** c(s): the drift is c(s)·x in generative time. */
  double driftCoeff(double s);

  /** σ(s) > 0, state independent. */
  double diffusion(double s);

  /** ∫_{s0}^{s1} c(r) dr. */
  double integratedDrift(double s0, double s1);

  /** Transition of the uncontrolled generative SDE from s0 to s1. */
  Transition generativeTransition(double s0, double s1);

  /** Transition of the noising (reversed) reference from noising time t0 to t1 (t = T − s). */
  Transition noisingTransition(double t0, double t1);

  /** Stationary standard deviation of the noising process, if it has one (VP: κ; Brownian: empty). */
  OptionalDouble stationaryStd();

  /** True when c ≡ 0 (Brownian reference, as PIS needs). */
  default boolean driftFree() {
    return false;
  }

  /** The time grid with {@code steps} intervals that this schedule is configured to use. */
  TimeGrid grid(int steps);
}
