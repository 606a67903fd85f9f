package dev.pathspace.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.OptionNames;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.testkit.SdeScheduleContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VpCosineScheduleTest extends SdeScheduleContract {
  @Override
  protected SdeSchedule create() {
    return new VpCosineSchedule(VpCosineSchedule.Params.defaults());
  }

  private static double alphaBar(double t, double tEnd, double o) {
    double f0 = Math.pow(Math.cos(Math.PI / 2 * o / (1 + o)), 2);
    return Math.pow(Math.cos(Math.PI / 2 * (t / tEnd + o) / (1 + o)), 2) / f0;
  }

  @Test
  void noisingMeanFactorSquaredIsCosineAlphaBarBeforeTheCap() {
    VpCosineSchedule s = (VpCosineSchedule) create();
    assertThat(s.id()).isEqualTo("vp-cosine");
    assertThat(s.capStart()).isCloseTo(0.9008, within(1e-3));
    for (double t : new double[] {0.01, 0.25, 0.5, 0.8, 0.9}) {
      double m = s.noisingTransition(0, t).meanScale();
      assertThat(m * m).as("ᾱ(%s)", t).isCloseTo(alphaBar(t, 1, 0.008), within(1e-12));
    }
  }

  @Test
  void betaIsCappedAndContinuous() {
    VpCosineSchedule s = (VpCosineSchedule) create();
    double ts = s.capStart();
    assertThat(s.beta(ts - 1e-9)).isCloseTo(20.0, within(1e-5));
    assertThat(s.beta(0.95)).isEqualTo(20.0);
    assertThat(s.beta(1.0)).isEqualTo(20.0);
    // generative diffusion at s = 0 is κ√betaMax; at s = T it is √β(0) = √(π tan(π/2·o/(1+o))/(1+o))
    assertThat(s.diffusion(0)).isCloseTo(Math.sqrt(20), within(1e-12));
    double beta0 = Math.PI * Math.tan(Math.PI / 2 * 0.008 / 1.008) / 1.008;
    assertThat(s.diffusion(1)).isCloseTo(Math.sqrt(beta0), within(1e-12));
    // capped terminal: ᾱ(t*)·exp(−betaMax (T − t*)); documented value ≈ e^{-5.72}
    double m = s.noisingTransition(0, 1).meanScale();
    assertThat(m * m).isCloseTo(alphaBar(ts, 1, 0.008) * Math.exp(-20 * (1 - ts)), within(1e-12));
    assertThat(-Math.log(m * m)).isCloseTo(5.72, within(0.01));
  }

  @Test
  void aHugeCapReproducesTheUncappedScheduleAlmostToT() {
    VpCosineSchedule s = new VpCosineSchedule(new VpCosineSchedule.Params(0.008, 1e6, 1, 3, GridRule.UNIFORM));
    double m = s.noisingTransition(0, 2.97).meanScale();
    assertThat(m * m).isCloseTo(alphaBar(2.97, 3, 0.008), within(1e-12));
  }

  @Test
  void invalidParamsAreRejectedWithNamedMessages() {
    assertThatThrownBy(() -> new VpCosineSchedule.Params(0, 20, 1, 1, GridRule.UNIFORM)).hasMessageContaining("offset");
    assertThatThrownBy(() -> new VpCosineSchedule.Params(0.008, 0, 1, 1, GridRule.UNIFORM)).hasMessageContaining("betaMax");
    assertThatThrownBy(() -> new VpCosineSchedule.Params(0.008, 20, 0, 1, GridRule.UNIFORM)).hasMessageContaining("scale");
    assertThatThrownBy(() -> new VpCosineSchedule.Params(0.008, 20, 1, -1, GridRule.UNIFORM))
        .hasMessageContaining("terminalTime");
    assertThatThrownBy(() -> new VpCosineSchedule.Params(0.008, 20, 1, 1,
        OptionNames.parse(GridRule.class, "grid", "x"))).hasMessageContaining("grid");
  }

  /** The contract with a low cap (cap active on most of [0, T]) on the quad grid. */
  @Nested
  class LowCapQuadGrid extends SdeScheduleContract {
    @Override
    protected SdeSchedule create() {
      return new VpCosineSchedule(new VpCosineSchedule.Params(0.008, 2.0, 0.7, 1.5, GridRule.QUAD));
    }
  }
}
