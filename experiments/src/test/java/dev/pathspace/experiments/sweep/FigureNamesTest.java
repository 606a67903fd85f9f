package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Figure file names: sanitised targets without '_', so the {@code <kind>_<target>_} prefix parses back. */
class FigureNamesTest {
  @Test
  void namesAreKindTargetRestWithATargetFreeOfUnderscores() {
    assertThat(FigureNames.target("target=gmm")).isEqualTo("gmm");
    assertThat(FigureNames.target("target=many_well, target.dim=32")).isEqualTo("many-well-dim-32");
    assertThat(FigureNames.target("all runs")).isEqualTo("all-runs");
    assertThat(FigureNames.target("target=")).isEqualTo("target");
    assertThat(FigureNames.dot("target=gmm, target.dim=2", "log_z_error")).isEqualTo("dot_gmm-dim-2_log_z_error");
    assertThat(FigureNames.curve("target=gmm", "ess", "SECONDS")).isEqualTo("curve_gmm_ess_seconds");
    assertThat(FigureNames.marginals("target=funnel")).isEqualTo("marginals_funnel");
    assertThat(FigureNames.prefix(FigureNames.Kind.CURVE, "target=gmm")).isEqualTo("curve_gmm");
  }

  @Test
  void parsedBackIntoKindTargetAndRest() {
    assertThat(FigureNames.parse("curve_many-well-dim-32_log_z_error_steps.png")).contains(
        new FigureNames.Parsed(FigureNames.Kind.CURVE, "many-well-dim-32", "log_z_error_steps"));
    assertThat(FigureNames.parse("dot_gmm_ess.svg"))
        .contains(new FigureNames.Parsed(FigureNames.Kind.DOT, "gmm", "ess"));
    assertThat(FigureNames.parse("marginals_gmm.png"))
        .contains(new FigureNames.Parsed(FigureNames.Kind.MARGINALS, "gmm", ""));
    assertThat(FigureNames.parse("samples.png")).isEqualTo(Optional.empty());
    assertThat(FigureNames.parse("dot_gmm.png")).isEmpty(); // a dot figure needs its metric
  }
}
