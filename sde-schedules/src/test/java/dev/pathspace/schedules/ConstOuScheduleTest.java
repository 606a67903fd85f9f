package dev.pathspace.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Transition;
import dev.pathspace.testkit.SdeScheduleContract;
import org.junit.jupiter.api.Test;

class ConstOuScheduleTest extends SdeScheduleContract {
  @Override
  protected SdeSchedule create() {
    return new ConstOuSchedule(ConstOuSchedule.Params.defaults());
  }

  @Test
  void constYamlHasUnitStationaryStdAndKnownTransitions() {
    SdeSchedule s = create();
    assertThat(s.id()).isEqualTo("const-ou");
    assertThat(s.stationaryStd().getAsDouble()).isCloseTo(1.0, within(1e-15));
    assertThat(s.driftCoeff(0.3)).isEqualTo(4.5);
    assertThat(s.diffusion(0.3)).isEqualTo(3.0);
    Transition n = s.noisingTransition(0.2, 0.7);
    assertThat(n.meanScale()).isCloseTo(Math.exp(-2.25), within(1e-15));
    assertThat(n.variance()).isCloseTo(1 - Math.exp(-4.5), within(1e-15));
    Transition g = s.generativeTransition(0.2, 0.7);
    assertThat(g.meanScale()).isCloseTo(Math.exp(2.25), within(1e-12));
    assertThat(g.variance()).isCloseTo(Math.exp(4.5) - 1, within(1e-12));
    assertThat(s.driftFree()).isFalse();
  }

  @Test
  void invalidParamsAreRejectedWithNamedMessages() {
    assertThatThrownBy(() -> new ConstOuSchedule.Params(0, 3, 1, GridRule.UNIFORM))
        .hasMessageContaining("driftCoeff")
        .hasMessageContaining("brownian");
    assertThatThrownBy(() -> new ConstOuSchedule.Params(4.5, 0, 1, GridRule.UNIFORM)).hasMessageContaining("diffCoeff");
    assertThatThrownBy(() -> new ConstOuSchedule.Params(4.5, 3, Double.NaN, GridRule.UNIFORM))
        .hasMessageContaining("terminalTime");
    assertThatThrownBy(() -> new ConstOuSchedule.Params(4.5, 3, 1, null)).hasMessageContaining("grid");
  }
}
