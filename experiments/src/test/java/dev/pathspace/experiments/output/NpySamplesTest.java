package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy reader reads back exactly what SampleFiles writes and rejects other arrays clearly. */
class NpySamplesTest {
  @TempDir Path dir;

  @Test
  void roundTripWithSampleFiles() {
    double[][] x = {{1.5, -2.0, 3.25}, {Double.NaN, 1e-300, -0.0}, {7, 8, 9}, {-1, -2, -3}};
    double[] lw = {-0.5, Double.NEGATIVE_INFINITY, 2.0, 0.0};
    Path f = dir.resolve("samples.npy");
    SampleFiles.write(f, x, lw);
    double[][] back = NpySamples.read(f);
    assertThat(back).hasDimensions(4, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(Arrays.copyOf(back[i], 3)).containsExactly(x[i]);
      assertThat(back[i][3]).isEqualTo(lw[i]);
    }
    assertThat(Double.doubleToRawLongBits(back[1][2])).isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void otherFilesAreErrorsNamingTheFile() throws Exception {
    Path f = dir.resolve("bad.npy");
    Files.write(f, "x0,x1\n1,2\n".getBytes());
    assertThatThrownBy(() -> NpySamples.read(f)).isInstanceOf(ConfigException.class)
        .hasMessage(f + ": not a NumPy .npy file (no \\x93NUMPY magic)");
    byte[] good = header(2, 3);
    byte[] f4 = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f8", "<f4")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(f, concat(f4, new byte[48]));
    assertThatThrownBy(() -> NpySamples.read(f)).hasMessageStartingWith(f + ": dtype is not '<f8'");
    Files.write(f, concat(good, new byte[40])); // one double short
    assertThatThrownBy(() -> NpySamples.read(f))
        .hasMessage(f + ": shape (2, 3) needs 48 data bytes, the file has 40");
  }

  private static byte[] header(int rows, int cols) {
    return SampleFiles.npyHeader(rows, cols);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
