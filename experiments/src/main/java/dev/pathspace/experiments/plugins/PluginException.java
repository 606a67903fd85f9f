package dev.pathspace.experiments.plugins;

/** A plug-in could not be loaded; the message is one user-facing line naming the jar and what to do. */
public final class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message the full message */
  public PluginException(String message) {
    super(message);
  }

  /** @param message the full message; @param cause the underlying error (not shown to users) */
  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }
}
