package dev.pathspace.samplers;

/** Validation shared by the samplers' {@code Params} records; messages name the parameter and the value. */
final class ParamChecks {
  private ParamChecks() {}

  /** Fails unless {@code 0 <= value < 1} (NaN fails too). */
  static void fraction(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1) (got " + value + ")");
    }
  }

  /** Fails unless {@code value > 0} (NaN fails too). */
  static void positive(String name, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be > 0 (got " + value + ")");
    }
  }
}
