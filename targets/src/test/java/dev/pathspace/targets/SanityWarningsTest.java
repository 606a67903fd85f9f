package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameters far outside the documented range get a warning naming the full key; defaults get none. */
class SanityWarningsTest {
  @Test
  void farOutParametersAreWarnedAboutAndDefaultsAreNot() {
    assertThat(new GaussianTarget(GaussianTarget.Params.defaults()).sanityWarnings()).isEmpty();
    assertThat(new FunnelTarget(FunnelTarget.Params.defaults()).sanityWarnings()).isEmpty();
    GaussianTarget far = new GaussianTarget(new GaussianTarget.Params(1, 1e30, 1.0, 0.0, List.of()));
    assertThat(far.sanityWarnings()).singleElement().asString().startsWith("target.loc=1.0E30 is far outside");
    FunnelTarget wide = new FunnelTarget(new FunnelTarget.Params(10, 1e6));
    assertThat(wide.sanityWarnings()).singleElement().asString().startsWith("target.variance=1000000.0 is far outside");
  }
}
