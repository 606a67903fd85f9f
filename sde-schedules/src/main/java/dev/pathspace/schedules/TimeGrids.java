package dev.pathspace.schedules;

import dev.pathspace.api.OptionNames;
import dev.pathspace.api.TimeGrid;

/**
 * Time-grid rules shared by all schedules (spec §3.1 {@code get_timesteps}), selected by the {@code grid}
 * parameter ({@link GridRule}: {@code uniform}, {@code quad} and {@code cosine}).
 */
final class TimeGrids {
  /** Offset of the cosine rule (DDS / Nichol &amp; Dhariwal 2021). */
  static final double COSINE_OFFSET = 0.008;

  /** Relative floor on cosine-grid intervals (fraction of T), see {@link #cosine}. */
  static final double COSINE_MIN_FRACTION = 1e-9;

  private TimeGrids() {}

  /** Validates a {@code grid} parameter value (it must be given). */
  static GridRule validate(GridRule grid) {
    if (grid == null) {
      throw new IllegalArgumentException("grid must be one of " + OptionNames.list(GridRule.class) + " (got null)");
    }
    return grid;
  }

  /** The grid of the given kind with exactly {@code steps} intervals on [0, T]. */
  static TimeGrid build(GridRule kind, double terminalTime, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1 (got " + steps + ")");
    }
    return switch (validate(kind)) {
      case UNIFORM -> TimeGrid.uniform(terminalTime, steps);
      case QUAD -> quad(terminalTime, steps);
      case COSINE -> cosine(terminalTime, steps);
    };
  }

  /**
   * Spec §3.1 "quad" with start 0: {@code s_k = sqrt(linspace(0, T², N+1))_k = T·sqrt(k/N)}, clipped to
   * ≤ T (large steps near s = 0, small near s = T).
   */
  static TimeGrid quad(double terminalTime, int steps) {
    double[] t = new double[steps + 1];
    for (int k = 0; k <= steps; k++) {
      t[k] = Math.min(terminalTime, Math.sqrt(terminalTime * terminalTime * k / steps));
    }
    t[steps] = terminalTime;
    return new TimeGrid(t);
  }

  /**
   * Spec §3.1 "cosine" rule adapted to exactly N intervals on [0, T]. The reference builds steps + 1
   * increments {@code Δ_k = cos(((k/steps + 0.008)/1.008)·π/2)^4}, k = 0..steps, whose last one is
   * cos(π/2)^4 ≈ 1e-65 (a duplicate grid point). Here we take steps = N and use only k = 0..N−1, i.e.
   * the reference grid with its degenerate final interval merged into the previous one (the other
   * points agree with the reference to ~1e-16 relative; e.g. T = 12.8, N = 256 gives first Δ = 0.13438
   * as quoted in the spec). For large N the last increments are still tiny (N = 256: ~1e-11·T), so each
   * increment is floored at {@value #COSINE_MIN_FRACTION} of the unfloored sum before normalising to
   * ΣΔ = T (so every interval is ≳ 1e-9·T); this keeps the points strictly increasing with a margin far
   * above rounding and changes the grid by at most ~N·1e-9 relative. No floor applies for N ≲ 100.
   */
  static TimeGrid cosine(double terminalTime, int steps) {
    double[] delta = new double[steps];
    double total = 0;
    for (int k = 0; k < steps; k++) {
      double phi = ((double) k / steps + COSINE_OFFSET) / (1 + COSINE_OFFSET) * Math.PI / 2;
      double c = Math.cos(phi);
      delta[k] = c * c * c * c;
      total += delta[k];
    }
    double floor = COSINE_MIN_FRACTION * total;
    total = 0;
    for (int k = 0; k < steps; k++) {
      delta[k] = Math.max(delta[k], floor);
      total += delta[k];
    }
    double[] t = new double[steps + 1];
    double acc = 0;
    for (int k = 0; k < steps; k++) {
      acc += delta[k];
      t[k + 1] = terminalTime * acc / total;
    }
    t[steps] = terminalTime;
    return new TimeGrid(t);
  }
}
