package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RingsTargetTest {
  private final RingsTarget t = new RingsTarget(RingsTarget.Params.defaults());

  private static double javaLog(double[] x) {
    double r = Math.hypot(x[0], x[1]);
    double m = Double.POSITIVE_INFINITY;
    for (double rk : new double[] {1, 3, 5}) {
      m = Math.min(m, (r - rk) * (r - rk));
    }
    return -100 * m;
  }

  @Test
  void logZMatchesSpecOracle() {
    assertThat(t.logZ().getAsDouble()).isCloseTo(2.304881, within(1e-6));
    assertThat(t.domain().upper()[0]).isCloseTo(6.4142, within(1e-4));
  }

  @Test
  void logDensityMatchesFormulaAndScoreMatchesFiniteDifferences() {
    double[][] x = {{0.5, 0.6}, {2.9, -0.4}, {-3, 3.5}, {0.2, 1.7}};
    double[] lp = TargetAsserts.logDensity(t, x);
    for (int i = 0; i < x.length; i++) {
      assertThat(lp[i]).isCloseTo(javaLog(x[i]), within(1e-10));
    }
    TargetAsserts.scoreMatchesFiniteDifferences(t, x, 1e-6, 1e-6);
  }

  /** The TF density along a ray, integrated as 2π∫ r ρ dr, reproduces Z (radial symmetry). */
  @Test
  void tfDensityAlongARayIntegratesToZ() {
    double[][] nw = Quadrature.nodesAndWeights(0, 7, 700);
    double[][] x = new double[nw[0].length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {nw[0][i] * Math.cos(0.7), nw[0][i] * Math.sin(0.7)};
    }
    double[] lp = TargetAsserts.logDensity(t, x);
    double z = 0;
    for (int i = 0; i < x.length; i++) {
      z += 2 * Math.PI * nw[1][i] * nw[0][i] * Math.exp(lp[i]);
    }
    assertThat(Math.log(z)).isCloseTo(2.304881, within(1e-6));
  }

  @Test
  void samplerMatchesMomentsAndRingMasses() {
    double[][] s = t.groundTruth().orElseThrow().sample(20_000, 21);
    TargetAsserts.samplesMatchMoments(s, t.moments().orElseThrow());
    // ring k carries mass ∝ ∫ r e^{−100(r−r_k)²} dr ∝ r_k → 1/9, 3/9, 5/9; SE ≤ 0.0036 at n = 20 000
    int[] counts = new int[3];
    for (double[] v : s) {
      double r = Math.hypot(v[0], v[1]);
      counts[r < 2 ? 0 : r < 4 ? 1 : 2]++;
    }
    assertThat(counts[0] / 20_000.0).isCloseTo(1 / 9.0, within(0.018));
    assertThat(counts[1] / 20_000.0).isCloseTo(3 / 9.0, within(0.018));
    assertThat(counts[2] / 20_000.0).isCloseTo(5 / 9.0, within(0.018));
  }

  @Test
  void badParamsAreRejectedByName() {
    assertThatThrownBy(() -> new RingsTarget.Params(3, 3, 1, 5, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dim").hasMessageContaining("2").hasMessageContaining("got 3");
    assertThatThrownBy(() -> new RingsTarget.Params(2, 3, 1, 0.5, 100)).hasMessageContaining("upperRad");
    assertThatThrownBy(() -> new RingsTarget.Params(2, 3, 1, 5, 0)).hasMessageContaining("scale");
  }
}
