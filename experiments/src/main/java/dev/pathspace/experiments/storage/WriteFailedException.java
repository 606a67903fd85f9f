package dev.pathspace.experiments.storage;

import java.nio.file.Path;

/**
 * A file or directory could not be written (disk full, read-only file system, I/O error). The target was
 * left as it was before the write (its previous content, or absent); the temporary file was removed.
 */
public final class WriteFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;
  private final String reason;

  /**
   * @param path the file or directory that was being written
   * @param reason what went wrong, e.g. "No space left on device"
   * @param cause the I/O error
   */
  public WriteFailedException(Path path, String reason, Throwable cause) {
    super("cannot write " + path + ": " + reason, cause);
    this.path = path;
    this.reason = reason;
  }

  /** The file or directory that was being written. */
  public Path path() {
    return path;
  }

  /** The reason (the operating system's message). */
  public String reason() {
    return reason;
  }
}
