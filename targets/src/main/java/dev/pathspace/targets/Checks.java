package dev.pathspace.targets;

/** Parameter validation helpers: every message names the parameter, the allowed range and the value. */
final class Checks {
  private Checks() {}

  static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + " (got " + value + ")");
    }
  }

  static void exactly(String name, int value, int allowed, String why) {
    if (value != allowed) {
      throw new IllegalArgumentException(
          name + " must be " + allowed + " " + why + " (got " + value + ")");
    }
  }

  static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0 (got " + value + ")");
    }
  }

  static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0 (got " + value + ")");
    }
  }

  static void finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite (got " + value + ")");
    }
  }
}
