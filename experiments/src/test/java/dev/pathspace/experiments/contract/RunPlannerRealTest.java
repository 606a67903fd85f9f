package dev.pathspace.experiments.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The run planner over the real plug-ins: schedule-compatibility messages generated from the samplers'
 * declared requirements (README's example text), and typed default schedules applied under the user's
 * values.
 */
class RunPlannerRealTest {
  private final RunPlanner planner = new RunPlanner(RealComponents.REGISTRY);

  @Test
  void rejectedSchedulesGetTheReadmeMessageWithTheSchedulesThatSatisfyTheRequirement() {
    assertThatThrownBy(() -> planner.plan(null, List.of("sampler=pis", "schedule=vp-linear")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("sampler 'pis' needs a drift-free (Brownian) reference; schedule 'vp-linear' has drift."
            + " Valid schedules: [brownian]");
    assertThatThrownBy(() -> planner.plan(null, List.of("sampler=dis", "schedule=brownian")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("sampler 'dis' needs a noising process with a Gaussian stationary law; schedule"
            + " 'brownian' has none. Valid schedules: [const-ou, vp-cosine, vp-linear]");
    assertThatThrownBy(() -> planner.plan(null, List.of("sampler=dds", "sampler.integrator=euler",
            "schedule=brownian")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sampler 'dds' needs a reference with a Gaussian stationary law (integrator 'euler')")
        .hasMessageContaining("Valid schedules: [const-ou, vp-cosine, vp-linear]");
  }

  @Test
  void autoScheduleAppliesTheSamplersTypedDefaultsUnderTheUsersValues() {
    RunPlan dds = planner.plan(null, List.of("sampler=dds"));
    assertThat(dds.config().schedule().type()).isEqualTo("vp-linear");
    assertThat(dds.config().schedule().params()).containsEntry("terminalTime", 6.4);
    assertThat(String.valueOf(dds.config().schedule().params().get("grid"))).isEqualToIgnoringCase("cosine");
    assertThat(dds.components().schedule().terminalTime()).isEqualTo(6.4);
    RunPlan user = planner.plan(null, List.of("sampler=dds", "schedule.terminalTime=3.2"));
    assertThat(user.components().schedule().terminalTime()).isEqualTo(3.2);
    assertThat(String.valueOf(user.config().schedule().params().get("grid"))).isEqualToIgnoringCase("cosine");
    RunPlan bridge = planner.plan(null, List.of("sampler=bridge"));
    assertThat(bridge.config().schedule().type()).isEqualTo("brownian");
    assertThat(bridge.config().schedule().params()).containsEntry("diffCoeff", 1.0).containsEntry("terminalTime", 1.0);
  }
}
