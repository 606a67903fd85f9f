package dev.pathspace.api;

import java.util.Arrays;

/** A strictly increasing grid of generative times {@code s_0 = 0 < … < s_N = T}. */
public final class TimeGrid {
  private final double[] times;

  /** @param times grid points, strictly increasing, at least two */
  public TimeGrid(double[] times) {
    if (times.length < 2) {
      throw new IllegalArgumentException("a time grid needs at least two points");
    }
    for (int i = 1; i < times.length; i++) {
      if (!(times[i] > times[i - 1])) {
        throw new IllegalArgumentException("time grid not strictly increasing at index " + i);
      }
    }
    this.times = times.clone();
  }

  /** A uniform grid with {@code steps} intervals on [0, T]. */
  public static TimeGrid uniform(double terminalTime, int steps) {
    double[] t = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      t[i] = terminalTime * i / steps;
    }
    t[steps] = terminalTime;
    return new TimeGrid(t);
  }

  /** Number of intervals N. */
  public int steps() {
    return times.length - 1;
  }

  /** Grid point k (0..N). */
  public double time(int k) {
    return times[k];
  }

  /** Length of interval k (0..N−1). */
  public double dt(int k) {
    return times[k + 1] - times[k];
  }

  /** A copy of all grid points. */
  public double[] times() {
    return times.clone();
  }

  @Override
  public String toString() {
    return "TimeGrid" + Arrays.toString(times);
  }
}
