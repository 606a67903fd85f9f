package dev.pathspace.experiments.output;

import dev.pathspace.api.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code .npy} files {@link SampleFiles} writes: NumPy format 1.0 (or 2.0), dtype {@code '<f8'},
 * C order, two-dimensional shape {@code (n, d+1)} whose last column is the log weight (format: NumPy's
 * "A Simple File Format for NumPy Arrays", NEP 1). Anything else is a clear error naming the file.
 */
public final class NpySamples {
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");

  private NpySamples() {}

  /**
   * The rows of {@code file}, {@code [n][d+1]}.
   *
   * @throws ConfigException when the file is not such an array (bad magic, version, dtype, order, shape or
   *     length)
   */
  public static double[][] read(Path file) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (b.length < 10 || (b[0] & 0xff) != 0x93
        || !new String(b, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
      throw bad(file, "not a NumPy .npy file (no \\x93NUMPY magic)");
    }
    int major = b[6];
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = Short.toUnsignedInt(buf.getShort(8));
      start = 10;
    } else if (major == 2 && b.length >= 12) {
      headerLen = buf.getInt(8);
      start = 12;
    } else {
      throw bad(file, "unsupported .npy version " + major + "." + b[7] + " (expected 1.0 or 2.0)");
    }
    if (headerLen < 0 || start + headerLen > b.length) {
      throw bad(file, "truncated header");
    }
    String header = new String(b, start, headerLen, StandardCharsets.US_ASCII);
    if (!header.matches("(?s).*'descr'\\s*:\\s*'<f8'.*")) {
      throw bad(file, "dtype is not '<f8' (little-endian float64) in header " + header.trim());
    }
    if (!header.matches("(?s).*'fortran_order'\\s*:\\s*False.*")) {
      throw bad(file, "not C order (fortran_order must be False)");
    }
    Matcher m = SHAPE.matcher(header);
    if (!m.find()) {
      throw bad(file, "shape is not two-dimensional (n, d+1) in header " + header.trim());
    }
    long rows = Long.parseLong(m.group(1));
    long cols = Long.parseLong(m.group(2));
    int data = start + headerLen;
    if (cols < 1 || rows * cols * 8 != (long) b.length - data) {
      throw bad(file, "shape (" + rows + ", " + cols + ") needs " + rows * cols * 8 + " data bytes, the file has "
          + (b.length - data));
    }
    double[][] out = new double[(int) rows][(int) cols];
    buf.position(data);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = buf.getDouble();
      }
    }
    return out;
  }

  private static ConfigException bad(Path file, String why) {
    return new ConfigException(file + ": " + why);
  }
}
