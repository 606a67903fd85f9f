package dev.pathspace.experiments.output;

import java.io.BufferedWriter;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.pathspace.experiments.storage.AtomicFiles;

/**
 * Writes samples with log weights: CSV (header {@code x0,…,x{d-1},log_weight}) or NumPy {@code .npy}
 * (format 1.0, little-endian float64 {@code '<f8'}, C order, shape {@code (n, d+1)}, last column the log
 * weight), chosen by the file extension.
 */
public final class SampleFiles {
  private SampleFiles() {}

  /** Writes {@code samples} and {@code logWeights} to {@code file} (.csv or .npy). */
  public static void write(Path file, double[][] samples, double[] logWeights) {
    write(AtomicFiles.SYSTEM, file, samples, logWeights);
  }

  /** Writes {@code samples} and {@code logWeights} to {@code file} (.csv or .npy) atomically via {@code files}. */
  public static void write(AtomicFiles files, Path file, double[][] samples, double[] logWeights) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".npy")) {
      files.write(file, tmp -> writeNpy(tmp, samples, logWeights));
    } else if (name.endsWith(".csv")) {
      files.write(file, tmp -> writeCsv(tmp, samples, logWeights));
    } else {
      throw new dev.pathspace.api.ConfigException(
          "Unsupported output '" + file + "': use a .csv or .npy file name");
    }
  }

  private static void writeCsv(Path file, double[][] samples, double[] lw) throws IOException {
    int d = samples.length == 0 ? 0 : samples[0].length;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder h = new StringBuilder();
      for (int j = 0; j < d; j++) {
        h.append('x').append(j).append(',');
      }
      w.write(h.append("log_weight\n").toString());
      for (int i = 0; i < samples.length; i++) {
        StringBuilder row = new StringBuilder();
        for (double v : samples[i]) {
          row.append(v).append(',');
        }
        w.write(row.append(lw[i]).append('\n').toString());
      }
    }
  }

  /** The .npy header (magic, version 1.0, length, dict padded with spaces to a multiple of 64, '\n'). */
  static byte[] npyHeader(int rows, int cols) {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
    int unpadded = 10 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  private static void writeNpy(Path file, double[][] samples, double[] lw) throws IOException {
    int d = samples.length == 0 ? 0 : samples[0].length;
    try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(file));
        DataOutputStream out = new DataOutputStream(os)) {
      out.write(npyHeader(samples.length, d + 1));
      ByteBuffer row = ByteBuffer.allocate(8 * (d + 1)).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < samples.length; i++) {
        row.clear();
        for (double v : samples[i]) {
          row.putDouble(v);
        }
        row.putDouble(lw[i]);
        out.write(row.array());
      }
    }
  }
}
