package dev.pathspace.api.params;

import java.util.Collection;

/**
 * Validation for components' {@code Params} records (call them from the compact constructor). Every
 * failure is an {@link InvalidParameterException} naming the parameter, the requirement and the value,
 * which the configuration layer reports under the full key ({@code target.scale must be finite and > 0
 * (got inf)}). Non-finite numbers are rejected as "finite" first, so {@code inf} is never reported as
 * merely "too large".
 */
public final class ParamChecks {
  private ParamChecks() {}

  /** Fails unless {@code value} is finite. */
  public static void finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidParameterException(name, value, "finite");
    }
  }

  /** Fails unless {@code value} is finite and {@code > 0}. */
  public static void positive(String name, double value) {
    if (!Double.isFinite(value) || !(value > 0)) {
      throw new InvalidParameterException(name, value, "finite and > 0");
    }
  }

  /** Fails unless {@code value} is finite and {@code >= 0}. */
  public static void nonNegative(String name, double value) {
    if (!Double.isFinite(value) || !(value >= 0)) {
      throw new InvalidParameterException(name, value, "finite and >= 0");
    }
  }

  /** Fails unless {@code lo <= value <= hi} (and finite). */
  public static void inRange(String name, double value, double lo, double hi) {
    if (!Double.isFinite(value) || value < lo || value > hi) {
      throw new InvalidParameterException(name, value, "finite and in [" + lo + ", " + hi + "]");
    }
  }

  /** Fails unless {@code value >= min}. */
  public static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new InvalidParameterException(name, value, ">= " + min);
    }
  }

  /** Fails unless {@code value} is one of {@code options}. */
  public static <T> void oneOf(String name, T value, Collection<? extends T> options) {
    if (!options.contains(value)) {
      throw new InvalidParameterException(name, value, "one of " + options);
    }
  }
}
