package dev.pathspace.samplers;

/** Validation shared by the samplers' {@code Params} records; messages name the parameter and the value. */
final class ParamChecks {
  private ParamChecks() {}

  /** Fails unless {@code value > 0} (NaN fails too). */
  static void positive(String name, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " must be > 0 (got " + value + ")");
    }
  }
}
