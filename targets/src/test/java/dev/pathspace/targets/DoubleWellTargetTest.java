package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DoubleWellTargetTest {
  private static DoubleWellTarget dw(int dim, double delta, double shift) {
    return new DoubleWellTarget(new DoubleWellTarget.Params(dim, delta, shift));
  }

  @Test
  void logZAndStdMatchSpecOracles() {
    assertThat(dw(1, 2, 1.5).logZ().getAsDouble()).isCloseTo(0.2930017, within(1e-7));
    assertThat(dw(1, 4, 0).logZ().getAsDouble()).isCloseTo(-0.1082111, within(1e-7));
    assertThat(dw(3, 2, 0).logZ().getAsDouble()).isCloseTo(3 * 0.2930017, within(3e-7));
    assertThat(dw(1, 2, 1.5).moments().orElseThrow().std()[0]).isCloseTo(1.354748, within(1e-6));
    assertThat(dw(1, 2, 1.5).moments().orElseThrow().mean()[0]).isEqualTo(1.5);
    assertThat(dw(1, 4, 0).moments().orElseThrow().std()[0]).isCloseTo(1.983458, within(1e-6));
    assertThat(dw(1, 2, 1.5).domain().lower()[0]).isCloseTo(-2.414, within(1e-3));
    assertThat(dw(1, 2, 1.5).domain().upper()[0]).isCloseTo(5.414, within(1e-3));
  }

  @Test
  void logDensityMatchesFormulaAndScoreMatchesFiniteDifferences() {
    DoubleWellTarget t = dw(2, 2, 1.5);
    double[][] x = {{0, 1}, {1.5, 3.0}, {-0.7, 2.2}};
    double[] lp = TargetAsserts.logDensity(t, x);
    for (int i = 0; i < x.length; i++) {
      double e = 0;
      for (double v : x[i]) {
        e -= Math.pow((v - 1.5) * (v - 1.5) - 2, 2);
      }
      assertThat(lp[i]).isCloseTo(e, within(1e-12));
    }
    TargetAsserts.scoreMatchesFiniteDifferences(t, x, 1e-5, 1e-7);
  }

  @Test
  void rejectionSamplerMatchesQuadratureMoments() {
    DoubleWellTarget t = dw(1, 2, 1.5);
    double[][] s = t.groundTruth().orElseThrow().sample(20_000, 5);
    TargetAsserts.samplesMatchMoments(s, t.moments().orElseThrow());
    // E|x − s| = 1.319195 (docs/math.md §7.4 table); |y| ≤ ~3.3 so SE ≤ std(|y|)/√n ≈ 0.0034
    double abs = 0;
    for (double[] v : s) {
      abs += Math.abs(v[0] - 1.5);
    }
    assertThat(abs / s.length).isCloseTo(1.319195, within(0.017));
    DoubleWellTarget t4 = dw(2, 4, -1);
    TargetAsserts.samplesMatchMoments(t4.groundTruth().orElseThrow().sample(20_000, 6), t4.moments().orElseThrow());
  }

  @Test
  void badParamsAreRejectedByName() {
    assertThatThrownBy(() -> new DoubleWellTarget.Params(0, 2, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dim");
    assertThatThrownBy(() -> new DoubleWellTarget.Params(1, 0, 0)).hasMessageContaining("separation");
    assertThatThrownBy(() -> new DoubleWellTarget.Params(1, 2, Double.NaN)).hasMessageContaining("shift");
  }
}
