package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RosenbrockTargetTest {
  @Test
  void logDensityMatchesFormulaAndScoreMatchesFiniteDifferences() {
    RosenbrockTarget t = new RosenbrockTarget(RosenbrockTarget.Params.defaults());
    double[][] x = {{1, 1, 1, 1, 1}, {0.5, -0.3, 1.2, 2.0, -1.0}, {-1.5, 2.2, 0.1, 0.9, 1.1}};
    double[] lp = TargetAsserts.logDensity(t, x);
    for (int i = 0; i < x.length; i++) {
      double f = 0;
      for (int j = 0; j < 4; j++) {
        f += 100 * Math.pow(x[i][j + 1] - x[i][j] * x[i][j], 2) + Math.pow(1 - x[i][j], 2);
      }
      assertThat(lp[i]).isCloseTo(-f / 10 + Math.log(1e5), within(1e-9 * (1 + Math.abs(lp[i]))));
    }
    assertThat(lp[0]).isCloseTo(Math.log(1e5), within(1e-12)); // global maximum at (1, …, 1)
    TargetAsserts.scoreMatchesFiniteDifferences(t, x, 1e-6, 1e-6);
    assertThat(t.logZ()).isEmpty();
    assertThat(t.groundTruth()).isEmpty();
  }

  @Test
  void badParamsAreRejectedByName() {
    assertThatThrownBy(() -> new RosenbrockTarget.Params(1, 10, 1e5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dim").hasMessageContaining(">= 2");
    assertThatThrownBy(() -> new RosenbrockTarget.Params(5, 0, 1e5)).hasMessageContaining("flatness");
    assertThatThrownBy(() -> new RosenbrockTarget.Params(5, 10, -1)).hasMessageContaining("scale");
  }
}
