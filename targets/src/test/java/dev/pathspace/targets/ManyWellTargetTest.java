package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ManyWellTargetTest {
  private static ManyWellTarget mw(int d, int m, double delta, double shift) {
    return new ManyWellTarget(new ManyWellTarget.Params(d, m, delta, shift));
  }

  @Test
  void logZMatchesSpecOracles() {
    assertThat(new ManyWellTarget(ManyWellTarget.Params.defaults()).logZ().getAsDouble())
        .isCloseTo(-0.5410555, within(1e-6));
    assertThat(mw(50, 5, 2, 0).logZ().getAsDouble()).isCloseTo(42.817243, within(1e-6));
    var m = mw(50, 5, 2, 0).moments().orElseThrow();
    assertThat(m.std()[4]).isCloseTo(1.354748, within(1e-6));
    assertThat(m.std()[5]).isEqualTo(1.0);
  }

  @Test
  void logDensityMatchesFormulaAndScoreMatchesFiniteDifferences() {
    ManyWellTarget t = mw(5, 3, 2, 0.5);
    double[][] x = {{0, 1, 2, 0.3, -1}, {1.9, -1, 0.5, 2, 0.5}};
    double[] lp = TargetAsserts.logDensity(t, x);
    for (int i = 0; i < x.length; i++) {
      double e = 0;
      for (int j = 0; j < 5; j++) {
        double y = x[i][j] - 0.5;
        e += j < 3 ? -Math.pow(y * y - 2, 2) : -0.5 * y * y;
      }
      assertThat(lp[i]).isCloseTo(e, within(1e-12));
    }
    TargetAsserts.scoreMatchesFiniteDifferences(t, x, 1e-5, 1e-7);
  }

  @Test
  void samplerMatchesMoments() {
    ManyWellTarget t = mw(5, 3, 4, 0);
    assertThat(t.moments().orElseThrow().std()[0]).isCloseTo(1.983458, within(1e-6));
    TargetAsserts.samplesMatchMoments(t.groundTruth().orElseThrow().sample(20_000, 9), t.moments().orElseThrow());
  }

  @Test
  void modesAreTheWellCorners() {
    double[][] modes = new ManyWellTarget(ManyWellTarget.Params.defaults()).modes().orElseThrow();
    assertThat(modes).hasNumberOfRows(32);
    for (double[] m : modes) {
      for (double v : m) {
        assertThat(Math.abs(v)).isEqualTo(2.0);
      }
    }
  }

  @Test
  void badParamsAreRejectedByName() {
    assertThatThrownBy(() -> new ManyWellTarget.Params(3, 5, 4, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wells").hasMessageContaining("3");
    assertThatThrownBy(() -> new ManyWellTarget.Params(0, 0, 4, 0)).hasMessageContaining("dim");
    assertThatThrownBy(() -> new ManyWellTarget.Params(5, 5, -4, 0)).hasMessageContaining("separation");
  }
}
