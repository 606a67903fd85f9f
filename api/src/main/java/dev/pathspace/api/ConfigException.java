package dev.pathspace.api;

/**
 * A configuration error detected before any graph is built: it names the offending key or value and,
 * where there is a finite set, the valid options.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the full, user-facing message (key, bad value, valid options) */
  public ConfigException(String message) {
    super(message);
  }

  /** Fails with {@code message} unless {@code condition} holds. */
  public static void require(boolean condition, String message) {
    if (!condition) {
      throw new ConfigException(message);
    }
  }
}
