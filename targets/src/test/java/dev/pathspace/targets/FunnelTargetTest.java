package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FunnelTargetTest {
  private static double normLog(double x, double var) {
    return -0.5 * x * x / var - 0.5 * Math.log(2 * Math.PI * var);
  }

  @Test
  void logDensityMatchesFormula() {
    FunnelTarget t = new FunnelTarget(FunnelTarget.Params.defaults());
    double[][] x = new double[3][10];
    x[1][0] = 1.5;
    x[1][3] = -2;
    x[2][0] = -4;
    x[2][9] = 0.1;
    x[2][1] = 0.05;
    double[] lp = TargetAsserts.logDensity(t, x);
    for (int i = 0; i < 3; i++) {
      double e = normLog(x[i][0], 9);
      for (int j = 1; j < 10; j++) {
        e += normLog(x[i][j], Math.exp(x[i][0]));
      }
      assertThat(lp[i]).isCloseTo(e, within(1e-10));
    }
  }

  @Test
  void scoreMatchesFiniteDifferences() {
    double[][] x = {{0.5, 1, -1, 0.3}, {-2, 0.1, 0.2, -0.1}, {3, 5, -7, 2}};
    TargetAsserts.scoreMatchesFiniteDifferences(new FunnelTarget(new FunnelTarget.Params(4, 9)), x, 1e-6, 1e-6);
  }

  /** 2-D: ∫∫ρ with the inner integral on ±12·e^{x0/2} (adapted to the funnel's width), x0 on ±8√v. */
  @Test
  void quadratureGivesLogZ() {
    FunnelTarget t = new FunnelTarget(new FunnelTarget.Params(2, 9));
    double[][] outer = Quadrature.nodesAndWeights(-24, 24, 40);
    double[][] inner = Quadrature.nodesAndWeights(-1, 1, 20);
    int a = outer[0].length;
    int b = inner[0].length;
    double[][] x = new double[a * b][];
    double[] w = new double[a * b];
    for (int i = 0; i < a; i++) {
      double half = 12 * Math.exp(outer[0][i] / 2);
      for (int j = 0; j < b; j++) {
        x[i * b + j] = new double[] {outer[0][i], half * inner[0][j]};
        w[i * b + j] = outer[1][i] * inner[1][j] * half;
      }
    }
    double[] lp = TargetAsserts.logDensity(t, x);
    double z = 0;
    for (int k = 0; k < lp.length; k++) {
      z += w[k] * Math.exp(lp[k]);
    }
    assertThat(Math.log(z)).isCloseTo(t.logZ().getAsDouble(), within(1e-8));
  }

  @Test
  void momentsMatchSpecAndSamples() {
    FunnelTarget t = new FunnelTarget(FunnelTarget.Params.defaults());
    var m = t.moments().orElseThrow();
    assertThat(m.std()[0]).isEqualTo(3.0);
    assertThat(m.std()[1]).isCloseTo(9.48774, within(1e-5));
    // with v = 9 the std of x_i² is ~e^9 — far too heavy-tailed for a sample check; use v = 1 (d = 3),
    // whose fourth moments are finite and moderate, and check the standardised x_i e^{-x0/2} for v = 9.
    FunnelTarget small = new FunnelTarget(new FunnelTarget.Params(3, 1.0));
    TargetAsserts.samplesMatchMoments(
        small.groundTruth().orElseThrow().sample(20_000, 11), small.moments().orElseThrow());
    double[][] s = t.groundTruth().orElseThrow().sample(20_000, 12);
    double[][] z = new double[s.length][10];
    for (int i = 0; i < s.length; i++) {
      z[i][0] = s[i][0];
      for (int j = 1; j < 10; j++) {
        z[i][j] = s[i][j] * Math.exp(-s[i][0] / 2);
      }
    }
    double[] std = new double[10];
    java.util.Arrays.fill(std, 1);
    std[0] = 3;
    TargetAsserts.samplesMatchMoments(z, new dev.pathspace.api.Moments(new double[10], std));
    assertThat(t.domain().upper()[0]).isEqualTo(15.0);
    assertThat(t.domain().upper()[1]).isEqualTo(20.0);
  }

  @Test
  void badParamsAreRejectedByName() {
    assertThatThrownBy(() -> new FunnelTarget.Params(1, 9))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dim").hasMessageContaining("got 1");
    assertThatThrownBy(() -> new FunnelTarget.Params(3, 0)).hasMessageContaining("variance");
  }
}
