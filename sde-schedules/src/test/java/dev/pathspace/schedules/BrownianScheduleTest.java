package dev.pathspace.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.OptionNames;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.testkit.SdeScheduleContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BrownianScheduleTest extends SdeScheduleContract {
  @Override
  protected SdeSchedule create() {
    return new BrownianSchedule(BrownianSchedule.Params.defaults());
  }

  @Test
  void pisSettingReachesUnitVarianceAtT() {
    SdeSchedule s = create();
    assertThat(s.id()).isEqualTo("brownian");
    assertThat(s.driftFree()).isTrue();
    assertThat(s.stationaryStd()).isEmpty();
    assertThat(s.terminalTime()).isEqualTo(5.0);
    // spec bm_pis: b²T = 1
    assertThat(s.generativeTransition(0, 5).variance()).isCloseTo(1.0, within(1e-15));
    assertThat(s.generativeTransition(0, 5).meanScale()).isEqualTo(1.0);
    assertThat(s.noisingTransition(1, 3).variance()).isCloseTo(0.4, within(1e-15));
    assertThat(s.integratedDrift(0, 5)).isZero();
  }

  @Test
  void invalidParamsAreRejectedWithNamedMessages() {
    assertThatThrownBy(() -> new BrownianSchedule.Params(-1, 5, GridRule.UNIFORM)).hasMessageContaining("diffCoeff");
    assertThatThrownBy(() -> new BrownianSchedule.Params(1, 0, GridRule.UNIFORM)).hasMessageContaining("terminalTime");
    assertThatThrownBy(() -> new BrownianSchedule.Params(1, 1,
        OptionNames.parse(GridRule.class, "grid", "cos"))).hasMessageContaining("grid");
  }

  /** The contract on the cosine grid. */
  @Nested
  class CosineGrid extends SdeScheduleContract {
    @Override
    protected SdeSchedule create() {
      return new BrownianSchedule(new BrownianSchedule.Params(1.0, 1.0, GridRule.COSINE));
    }
  }
}
