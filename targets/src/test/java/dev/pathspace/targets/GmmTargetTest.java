package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.OptionNames;

import org.junit.jupiter.api.Test;

class GmmTargetTest {
  private static GmmTarget gmm(int dim, String layout, double logZ) {
    return new GmmTarget(new GmmTarget.Params(dim,
        OptionNames.parse(GmmTarget.Layout.class, "layout", layout), 8, 10.0, 0.0, logZ, 42L));
  }

  /** Plain-Java log of Z·(1/J)Σ_j N(x; m_j, s²I). */
  private static double javaLogDensity(double[][] means, double s, double logZ, double[] x) {
    double sum = 0;
    for (double[] m : means) {
      double q = 0;
      for (int i = 0; i < x.length; i++) {
        q += (x[i] - m[i]) * (x[i] - m[i]);
      }
      sum += Math.exp(-0.5 * q / (s * s)) / Math.pow(2 * Math.PI * s * s, x.length / 2.0);
    }
    return logZ + Math.log(sum / means.length);
  }

  @Test
  void logDensityMatchesFormula() {
    for (GmmTarget t : new GmmTarget[] {gmm(2, "grid", 0.3), gmm(3, "fab40", 0.0), gmm(3, "circle", 0)}) {
      double[][] x = {{0, 0, 0}, {5.1, -4.7, 0.2}, {-20, 13, 7}};
      double[][] xd = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        xd[i] = java.util.Arrays.copyOf(x[i], t.dim());
      }
      double[] lp = TargetAsserts.logDensity(t, xd);
      double[][] means = t.modes().orElseThrow();
      for (int i = 0; i < x.length; i++) {
        double e = javaLogDensity(means, t.componentStd(), t.logZ().getAsDouble(), xd[i]);
        if (Double.isFinite(e)) {
          assertThat(lp[i]).as("%s point %d", t, i).isCloseTo(e, within(1e-9 * (1 + Math.abs(e))));
        } else {
          assertThat(lp[i]).as("far point stays finite (log-sum-exp)").isFinite();
        }
      }
    }
  }

  @Test
  void scoreMatchesFiniteDifferences() {
    double[][] x = {{0.3, -0.2}, {2.5, 2.4}, {-5.5, 4.9}, {11, -9}};
    TargetAsserts.scoreMatchesFiniteDifferences(gmm(2, "grid", 0), x, 1e-5, 1e-7);
    double[][] x3 = {{0.3, -0.2, 1.0}, {20, -13, 3}};
    TargetAsserts.scoreMatchesFiniteDifferences(gmm(3, "fab40", 0), x3, 1e-5, 1e-7);
  }

  @Test
  void twoDimensionalQuadratureGivesLogZ() {
    GmmTarget t = gmm(2, "grid", 0.4);
    var dom = t.domain();
    assertThat(dom.upper()[0]).isCloseTo(7.7386, within(1e-4));
    double[][] nw = Quadrature.nodesAndWeights(dom.lower()[0], dom.upper()[0], 40);
    int k = nw[0].length;
    double[][] x = new double[k * k][];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        x[i * k + j] = new double[] {nw[0][i], nw[0][j]};
      }
    }
    double[] lp = TargetAsserts.logDensity(t, x);
    double z = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        z += nw[1][i] * nw[1][j] * Math.exp(lp[i * k + j]);
      }
    }
    // mass outside the ±5s box is < 4·(1 − Φ(5)) ≈ 1.2e-6
    assertThat(Math.log(z)).isCloseTo(0.4, within(1e-5));
  }

  @Test
  void momentsAndSampler() {
    GmmTarget t = gmm(2, "grid", 0);
    assertThat(t.moments().orElseThrow().std()).containsExactly(new double[] {4.11906, 4.11906}, within(1e-5));
    assertThat(t.moments().orElseThrow().mean()).containsExactly(new double[] {0, 0}, within(1e-12));
    TargetAsserts.samplesMatchMoments(t.groundTruth().orElseThrow().sample(20_000, 3), t.moments().orElseThrow());
    GmmTarget f = gmm(2, "fab40", 0);
    TargetAsserts.samplesMatchMoments(f.groundTruth().orElseThrow().sample(20_000, 4), f.moments().orElseThrow());
  }

  @Test
  void layouts() {
    double[][] circle = gmm(4, "circle", 0).modes().orElseThrow();
    assertThat(circle).hasNumberOfRows(8);
    for (double[] m : circle) {
      assertThat(Math.hypot(m[0], m[1])).isCloseTo(4, within(1e-12));
      assertThat(m[2]).isZero();
      assertThat(m[3]).isZero();
    }
    assertThat(gmm(2, "grid", 0).modes().orElseThrow()).hasNumberOfRows(9);
    double[][] fab = gmm(2, "fab40", 0).modes().orElseThrow();
    assertThat(fab).hasNumberOfRows(40);
    assertThat(fab).isDeepEqualTo(gmm(2, "fab40", 0).modes().orElseThrow());
    for (double[] m : fab) {
      for (double v : m) {
        assertThat(Math.abs(v)).isLessThanOrEqualTo(40);
      }
    }
    assertThat(gmm(2, "fab40", 0).componentStd()).isEqualTo(1.0);
    GmmTarget r = new GmmTarget(new GmmTarget.Params(3, GmmTarget.Layout.RANDOM, 5, 2.0, 0.5, 0, 1L));
    assertThat(r.modes().orElseThrow()).hasNumberOfRows(5);
    assertThat(r.componentStd()).isEqualTo(0.5);
  }

  @Test
  void badParamsAreRejectedByName() {
    assertThatThrownBy(() -> new GmmTarget.Params(2,
        OptionNames.parse(GmmTarget.Layout.class, "layout", "star"), 8, 1, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layout").hasMessageContaining("grid, circle, fab40, random").hasMessageContaining("star");
    assertThatThrownBy(() -> new GmmTarget.Params(1, GmmTarget.Layout.GRID, 8, 1, 0, 0, 1))
        .hasMessageContaining("dim").hasMessageContaining(">= 2").hasMessageContaining("got 1");
    assertThatThrownBy(() -> new GmmTarget.Params(2, GmmTarget.Layout.RANDOM, 0, 1, 0, 0, 1)).hasMessageContaining("modes");
    assertThatThrownBy(() -> new GmmTarget.Params(2, GmmTarget.Layout.RANDOM, 3, -1, 0, 0, 1)).hasMessageContaining("spread");
    assertThatThrownBy(() -> new GmmTarget.Params(2, GmmTarget.Layout.GRID, 3, 1, -1, 0, 1)).hasMessageContaining("scale");
  }
}
