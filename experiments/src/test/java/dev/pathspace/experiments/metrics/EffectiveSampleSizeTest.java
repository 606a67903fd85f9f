package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** ESS = (Σw)²/Σw² against closed forms. */
class EffectiveSampleSizeTest {

  @Test
  void equalWeightsGiveFullEss() {
    EffectiveSampleSize.Result r = EffectiveSampleSize.fromLogWeights(new double[] {0.3, 0.3, 0.3, 0.3, 0.3});
    assertThat(r.normalised()).isCloseTo(1.0, within(1e-15));
    assertThat(r.count()).isCloseTo(5.0, within(1e-14));
  }

  @Test
  void twoPointWeightsMatchFormula() {
    // w = (1, r): ESS = (1 + r)^2 / (1 + r^2), normalised by M = 2
    double r = 3.0;
    EffectiveSampleSize.Result e = EffectiveSampleSize.fromLogWeights(new double[] {0.0, Math.log(r)});
    double count = (1 + r) * (1 + r) / (1 + r * r);
    assertThat(e.count()).isCloseTo(count, within(1e-14));
    assertThat(e.normalised()).isCloseTo(count / 2, within(1e-14));
  }

  @Test
  void stableForHugeLogWeights() {
    double r = 3.0;
    double count = (1 + r) * (1 + r) / (1 + r * r);
    for (double shift : new double[] {1000, -1000}) {
      EffectiveSampleSize.Result e = EffectiveSampleSize.fromLogWeights(new double[] {shift, shift + Math.log(r)});
      assertThat(e.count()).isCloseTo(count, within(1e-12));
    }
    // one weight dominates by e^2000: ESS count -> 1, normalised -> 1/M
    EffectiveSampleSize.Result e = EffectiveSampleSize.fromLogWeights(new double[] {1000, -1000, -1000, 0});
    assertThat(e.count()).isCloseTo(1.0, within(1e-15));
    assertThat(e.normalised()).isCloseTo(0.25, within(1e-15));
  }

  @Test
  void rejectsNonFiniteAndHandlesEmpty() {
    assertThatThrownBy(() -> EffectiveSampleSize.fromLogWeights(new double[] {0, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThat(EffectiveSampleSize.fromLogWeights(new double[0]).normalised()).isNaN();
  }
}
