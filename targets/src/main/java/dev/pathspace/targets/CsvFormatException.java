package dev.pathspace.targets;

/** A malformed CSV input; the message starts with {@code <file>:<1-based line>:}. */
public final class CsvFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param file file name, @param line 1-based line, @param what the problem */
  public CsvFormatException(String file, int line, String what) {
    super(file + ":" + line + ": " + what);
  }
}
