package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class LgcpTargetTest {
  @Test
  void pinesDataAndBinCounts() {
    double[][] pts = PinesData.points();
    assertThat(pts).hasNumberOfRows(126);
    LgcpTarget t = new LgcpTarget(LgcpTarget.Params.defaults());
    assertThat(t.dim()).isEqualTo(1600);
    assertThat(java.util.Arrays.stream(t.counts()).sum()).isEqualTo(126.0);
    assertThat(t.counts()).hasSize(1600);
    assertThat(t.logZ().getAsDouble()).isEqualTo(512.6);
    assertThat(t.mu0()).isCloseTo(Math.log(126) - 0.955, within(1e-12));
  }

  /** Independent check with a Commons Math LU inverse and determinant on a 5×5 grid (d = 25). */
  @Test
  void logDensityMatchesLuFormulaAndScoreMatchesFiniteDifferences() {
    LgcpTarget t = new LgcpTarget(new LgcpTarget.Params(25, 5));
    assertThat(t.logZ()).isEmpty();
    RealMatrix k = new Array2DRowRealMatrix(t.kernel());
    assertThat(k.getEntry(0, 6)).isCloseTo(1.91 * Math.exp(-Math.sqrt(2) / (5 / 33.0)), within(1e-15));
    LUDecomposition lu = new LUDecomposition(k);
    RealMatrix inv = lu.getSolver().getInverse();
    double logDet = Math.log(lu.getDeterminant());
    double[] c = t.counts();
    Random rnd = new Random(5);
    double[][] x = new double[3][25];
    for (double[] row : x) {
      for (int j = 0; j < 25; j++) {
        row[j] = t.mu0() + rnd.nextGaussian();
      }
    }
    double[] lp = TargetAsserts.logDensity(t, x);
    for (int i = 0; i < 3; i++) {
      double[] q = new double[25];
      for (int j = 0; j < 25; j++) {
        q[j] = x[i][j] - t.mu0();
      }
      double quad = new org.apache.commons.math3.linear.ArrayRealVector(q)
          .dotProduct(inv.operate(new org.apache.commons.math3.linear.ArrayRealVector(q)));
      double e = -0.5 * quad - 0.5 * (25 * Math.log(2 * Math.PI) + logDet);
      for (int j = 0; j < 25; j++) {
        e += c[j] * x[i][j] - Math.exp(x[i][j]) / 25;
      }
      assertThat(lp[i]).isCloseTo(e, within(1e-9 * Math.abs(e)));
    }
    TargetAsserts.scoreMatchesFiniteDifferences(t, x, 1e-5, 1e-6);
  }

  @Test
  void kernelInverseIsAnInverse() {
    LgcpTarget t = new LgcpTarget(new LgcpTarget.Params(144, 12));
    RealMatrix prod = new Array2DRowRealMatrix(t.kernel()).multiply(new Array2DRowRealMatrix(t.kernelInverse()));
    for (int i = 0; i < 144; i++) {
      for (int j = 0; j < 144; j++) {
        assertThat(prod.getEntry(i, j)).isCloseTo(i == j ? 1 : 0, within(1e-8));
      }
    }
  }

  /** The full 40×40 factorisation (about 1 s): rows of K·K⁻¹ are unit vectors. */
  @Test
  void fullGridKernelInverse() {
    LgcpTarget t = new LgcpTarget(LgcpTarget.Params.defaults());
    double[][] k = t.kernel();
    double[][] inv = t.kernelInverse();
    for (int i : new int[] {0, 777, 1599}) {
      for (int j = 0; j < 1600; j++) {
        double s = 0;
        for (int m = 0; m < 1600; m++) {
          s += k[i][m] * inv[m][j];
        }
        assertThat(s).isCloseTo(i == j ? 1 : 0, within(1e-8));
      }
    }
    assertThat(Double.isFinite(t.logDet2PiK())).isTrue();
  }

  @Test
  void badParamsAreRejectedByName() {
    assertThatThrownBy(() -> new LgcpTarget.Params(1000, 40))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dim").hasMessageContaining("1600").hasMessageContaining("got 1000");
    assertThatThrownBy(() -> new LgcpTarget.Params(1, 1)).hasMessageContaining("gridSize");
  }
}
