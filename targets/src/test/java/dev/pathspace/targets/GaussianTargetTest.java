package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.testkit.GraphHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaussianTargetTest {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final List<Double> COV = List.of(2.0, 0.5, 0.5, 1.0);

  @Test
  void isotropicLogDensityMatchesFormula() {
    GaussianTarget t = new GaussianTarget(new GaussianTarget.Params(2, 3.0, 1.5, 0.7, List.of()));
    double[][] x = {{0, 0}, {3, 3}, {-1.2, 4.4}};
    double[] lp = TargetAsserts.logDensity(t, x);
    for (int i = 0; i < x.length; i++) {
      double e = 0.7;
      for (double v : x[i]) {
        e += -0.5 * Math.pow((v - 3) / 1.5, 2) - Math.log(1.5) - 0.5 * LOG_2PI;
      }
      assertThat(lp[i]).isCloseTo(e, within(1e-12));
    }
  }

  @Test
  void fullCovarianceLogDensityMatchesFormula() {
    GaussianTarget t = new GaussianTarget(new GaussianTarget.Params(2, 1.0, 1.0, 0.0, COV));
    double det = 2 * 1 - 0.25;
    double[][] x = {{0, 0}, {1, 1}, {2.5, -0.3}};
    double[] lp = TargetAsserts.logDensity(t, x);
    for (int i = 0; i < x.length; i++) {
      double a = x[i][0] - 1;
      double b = x[i][1] - 1;
      double quad = (1.0 * a * a - 2 * 0.5 * a * b + 2.0 * b * b) / det; // explicit 2x2 inverse
      double e = -0.5 * quad - 0.5 * Math.log(det) - LOG_2PI;
      assertThat(lp[i]).isCloseTo(e, within(1e-12));
    }
  }

  @Test
  void scoresMatchFiniteDifferences() {
    double[][] x = {{0.3, -0.7}, {4.0, 2.0}};
    TargetAsserts.scoreMatchesFiniteDifferences(
        new GaussianTarget(new GaussianTarget.Params(2, 3.0, 0.8, 0.0, List.of())), x, 1e-5, 1e-7);
    TargetAsserts.scoreMatchesFiniteDifferences(
        new GaussianTarget(new GaussianTarget.Params(2, 1.0, 1.0, 0.0, COV)), x, 1e-5, 1e-7);
  }

  @Test
  void quadratureOfDensityGivesLogZ() {
    GaussianTarget t = new GaussianTarget(new GaussianTarget.Params(1, 3.0, 1.0, 1.3, List.of()));
    double[][] nw = Quadrature.nodesAndWeights(-9, 15, 60);
    double[][] x = new double[nw[0].length][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = nw[0][i];
    }
    double[] lp = TargetAsserts.logDensity(t, x);
    double z = 0;
    for (int i = 0; i < x.length; i++) {
      z += nw[1][i] * Math.exp(lp[i]);
    }
    assertThat(Math.log(z)).isCloseTo(t.logZ().getAsDouble(), within(1e-10));
    assertThat(GaussianTarget.Params.defaults().loc()).isEqualTo(3.0);
    assertThat(new GaussianTarget(GaussianTarget.Params.defaults()).logZ().getAsDouble()).isZero();
  }

  @Test
  void samplerMatchesMomentsAndCorrelation() {
    GaussianTarget t = new GaussianTarget(new GaussianTarget.Params(2, 1.0, 1.0, 0.0, COV));
    double[][] s = t.groundTruth().orElseThrow().sample(20_000, 7);
    assertThat(t.moments().orElseThrow().std()[0]).isCloseTo(Math.sqrt(2), within(1e-12));
    TargetAsserts.samplesMatchMoments(s, t.moments().orElseThrow());
    double c = 0;
    for (double[] v : s) {
      c += (v[0] - 1) * (v[1] - 1);
    }
    // cov 0.5; SE of the sample covariance ≈ sqrt((σ11σ22 + σ12²)/n) = sqrt(2.25/20000) = 0.0106
    assertThat(c / s.length).isCloseTo(0.5, within(0.05));
    assertThat(t.groundTruth().orElseThrow().sample(3, 7)[2])
        .containsExactly(s[2]); // reproducible from the seed
  }

  @Test
  void badParamsAreRejectedByName() {
    assertThatThrownBy(() -> new GaussianTarget.Params(0, 0, 1, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dim").hasMessageContaining("0");
    assertThatThrownBy(() -> new GaussianTarget.Params(1, 0, -1, 0, List.of()))
        .hasMessageContaining("scale");
    assertThatThrownBy(() -> new GaussianTarget.Params(2, 0, 1, 0, List.of(1.0, 0.0, 0.0)))
        .hasMessageContaining("covariance").hasMessageContaining("4");
    assertThatThrownBy(() -> new GaussianTarget(new GaussianTarget.Params(2, 0, 1, 0, List.of(1.0, 0.9, 0.0, 1.0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covariance");
    assertThatThrownBy(() -> new GaussianTarget(new GaussianTarget.Params(2, 0, 1, 0, List.of(1.0, 2.0, 2.0, 1.0))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive definite");
  }

  @Test
  void float32GraphWorks() {
    GaussianTarget t = new GaussianTarget(GaussianTarget.Params.defaults());
    try (GraphHarness h = new GraphHarness(org.tensorflow.types.TFloat32.class)) {
      double[] lp = h.eval(t.logDensity(h.ctx(), h.input(new double[][] {{3.0}})));
      assertThat(lp[0]).isCloseTo(-0.5 * LOG_2PI, within(1e-6));
    }
  }
}
