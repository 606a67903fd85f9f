package dev.pathspace.api.params;

/**
 * Thrown by a component's {@code Params} record when one parameter has an invalid value. It carries the
 * parameter's name, so the configuration layer can report the full key ({@code divergence.alpha}) with the
 * value and the requirement: {@code divergence.alpha must be finite and > 0 (got -1.0)}.
 */
public final class InvalidParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String requirement;
  private final String value;

  /**
   * @param parameter the record component's name, e.g. {@code alpha}
   * @param value the rejected value
   * @param requirement what a valid value is, e.g. {@code "finite and > 0"} or {@code "one of [a, b]"}
   */
  public InvalidParameterException(String parameter, Object value, String requirement) {
    super(parameter + " must be " + requirement + " (got " + value + ")");
    this.parameter = parameter;
    this.requirement = requirement;
    this.value = String.valueOf(value);
  }

  /** The parameter's name within its component (without the slot prefix). */
  public String parameter() {
    return parameter;
  }

  /** What a valid value is. */
  public String requirement() {
    return requirement;
  }

  /** The rejected value as text. */
  public String value() {
    return value;
  }

  /** The same message with the parameter replaced by its full configuration key {@code prefix + name}. */
  public String messageFor(String keyPrefix) {
    return keyPrefix + parameter + " must be " + requirement + " (got " + value + ")";
  }
}
