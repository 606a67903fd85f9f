package dev.pathspace.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.OptionNames;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Transition;
import dev.pathspace.testkit.SdeScheduleContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VpLinearScheduleTest extends SdeScheduleContract {
  @Override
  protected SdeSchedule create() {
    return new VpLinearSchedule(VpLinearSchedule.Params.defaults());
  }

  @Test
  void vp10NumbersFromTheSpec() {
    SdeSchedule s = create();
    assertThat(s.id()).isEqualTo("vp-linear");
    // spec §1.4: σ from √10 (s = 0) to √0.1 (s = T); ∫½β = 2.525; mean factor 0.0801, variance 0.99359
    assertThat(s.diffusion(0)).isCloseTo(Math.sqrt(10), within(1e-12));
    assertThat(s.diffusion(1)).isCloseTo(Math.sqrt(0.1), within(1e-12));
    assertThat(s.driftCoeff(0)).isCloseTo(5.0, within(1e-12));
    assertThat(s.integratedDrift(0, 1)).isCloseTo(2.525, within(1e-12));
    Transition tr = s.noisingTransition(0, 1);
    assertThat(tr.meanScale()).isCloseTo(Math.exp(-2.525), within(1e-12)).isCloseTo(0.0801, within(5e-5));
    assertThat(tr.variance()).isCloseTo(0.99359, within(5e-6));
    assertThat(s.stationaryStd()).hasValue(1.0);
  }

  @Test
  void vp20NumbersFromTheSpec() {
    SdeSchedule s = new VpLinearSchedule(new VpLinearSchedule.Params(0.1, 20, 1, 1, GridRule.UNIFORM));
    Transition tr = s.noisingTransition(0, 1);
    assertThat(tr.meanScale()).isCloseTo(0.00657, within(5e-6));
    assertThat(tr.variance()).isCloseTo(0.99996, within(5e-6));
  }

  @Test
  void scaleMultipliesDiffusionAndStationaryStd() {
    SdeSchedule s = new VpLinearSchedule(new VpLinearSchedule.Params(0.1, 10, 2.5, 2, GridRule.UNIFORM));
    assertThat(s.diffusion(0)).isCloseTo(2.5 * Math.sqrt(10), within(1e-12));
    assertThat(s.stationaryStd()).hasValue(2.5);
    assertThat(s.noisingTransition(0, 2).variance()).isCloseTo(6.25 * (1 - Math.exp(-2 * 5.05)), within(1e-12));
  }

  @Test
  void invalidParamsAreRejectedWithNamedMessages() {
    assertThatThrownBy(() -> new VpLinearSchedule.Params(0, 10, 1, 1, GridRule.UNIFORM)).hasMessageContaining("betaMin");
    assertThatThrownBy(() -> new VpLinearSchedule.Params(1, 1, 1, 1, GridRule.UNIFORM)).hasMessageContaining("betaMax");
    assertThatThrownBy(() -> new VpLinearSchedule.Params(0.1, 10, -1, 1, GridRule.UNIFORM)).hasMessageContaining("scale");
    assertThatThrownBy(() -> new VpLinearSchedule.Params(0.1, 10, 1, 0, GridRule.UNIFORM))
        .hasMessageContaining("terminalTime");
    assertThatThrownBy(() -> new VpLinearSchedule.Params(0.1, 10, 1, 1,
        OptionNames.parse(GridRule.class, "grid", "log")))
        .hasMessageContaining("grid")
        .hasMessageContaining("[uniform, quad, cosine]");
  }

  /** The contract on the quadratic grid. */
  @Nested
  class QuadGrid extends SdeScheduleContract {
    @Override
    protected SdeSchedule create() {
      return new VpLinearSchedule(new VpLinearSchedule.Params(0.1, 10, 1, 1, GridRule.QUAD));
    }
  }

  /** The contract on the cosine grid with T = 2. */
  @Nested
  class CosineGrid extends SdeScheduleContract {
    @Override
    protected SdeSchedule create() {
      return new VpLinearSchedule(new VpLinearSchedule.Params(0.1, 20, 1.5, 2, GridRule.COSINE));
    }
  }
}
