package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.ControlField;
import dev.pathspace.api.Floating;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

class PisSamplerTest {
  private static final SdeSchedule BM = new BrownianFixtureSchedule(); // σ = √0.2, T = 5
  private static final PisSampler.Params SMALL =
      new PisSampler.Params(8, 2, Activation.TANH, 4, 1, Parameterisation.SCORE, 100, 100, 0.0);

  private static final ControlField ZERO = (g, s, x) -> Floating.view(g.tf().math.mul(x, g.scalar(0.0)));

  @Test
  void zeroControlOnTheReferenceTerminalLawGivesZeroRnd() {
    // spec §12 (a): ρ = N(0, σ²T I) = p_ref normalised, u ≡ 0 → rnd ≡ 0 for every trajectory
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 0.0, 1.0, 0.0);
    PathSampler pis = new PisSampler(PisSampler.Params.defaults()).withControl(ZERO).orElseThrow();
    for (boolean detached : new boolean[] {false, true}) {
      for (double r : SamplerChecks.rnd(pis, BM, target, 20, 64, detached)) {
        assertThat(r).isCloseTo(0.0, within(1e-12));
      }
    }
  }

  @Test
  void referenceTerminalLawUsesThePriorLocation() {
    // Dirac at 2: p_ref = N(2, 1); with ρ = e^{0.3} N(2, 1) and u ≡ 0, rnd ≡ −0.3
    GaussianFixtureTarget target = new GaussianFixtureTarget(3, 2.0, 1.0, 0.3);
    PathSampler pis =
        new PisSampler(new PisSampler.Params(8, 1, Activation.TANH, 4, 1, Parameterisation.SCORE, 100, 100, 2.0))
            .withControl(ZERO)
            .orElseThrow();
    for (double r : SamplerChecks.rnd(pis, BM, target, 10, 32, false)) {
      assertThat(r).isCloseTo(-0.3, within(1e-12));
    }
  }

  @Test
  void optimalControlReachesTheTargetMoments() {
    // samples of the Föllmer process with the closed-form control are ≈ N(1, 0.5²)
    GaussianFixtureTarget target = new GaussianFixtureTarget(1, 1.0, 0.5, 0.0);
    PathSampler opt =
        new PisSampler(PisSampler.Params.defaults())
            .withControl(OptimalControls.pis(BM, 1.0, 0.5, 0.0))
            .orElseThrow();
    try (GraphHarness h = new GraphHarness()) {
      RndTerms t = opt.simulate(h.ctx(), new SimulationRequest(BM, target, 4000, 200,
          SimulationRequirements.reparameterised(), h.noise(1), false));
      double[] x = h.eval(t.samples());
      // MC: std error of the mean 0.5/√4000 = 0.008, of the std ≈ 0.0056
      assertThat(dev.pathspace.testkit.Stats.mean(x)).isCloseTo(1.0, within(0.04));
      assertThat(dev.pathspace.testkit.Stats.std(x)).isCloseTo(0.5, within(0.03));
    }
  }

  @Test
  void offPolicyIncrementsReproduceRunningPlusIto() {
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    PisSampler pis = new PisSampler(SMALL);
    try (GraphHarness h = new GraphHarness()) {
      var tf = h.ctx().tf();
      SimulationRequest req = new SimulationRequest(BM, target, 8, 5,
          SimulationRequirements.offPolicy(), h.noise(1), true);
      RndTerms t = pis.simulate(h.ctx(), req);
      var inc = pis.offPolicyIncrements(h.ctx(), req).orElseThrow();
      var acc = Floating.view(tf.math.add(t.running(), t.ito()));
      var total = inc.increment(h.ctx(), 0, t.path().get(0), t.path().get(1));
      for (int k = 1; k < 5; k++) {
        total = Floating.view(tf.math.add(total, inc.increment(h.ctx(), k, t.path().get(k), t.path().get(k + 1))));
      }
      List<double[]> v = h.evalAll(List.of(acc, total));
      for (int i = 0; i < 8; i++) {
        assertThat(v.get(1)[i]).isCloseTo(v.get(0)[i], within(1e-9));
      }
    }
  }

  @Test
  void gradientsAreFiniteInBothModes() {
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    for (boolean detached : new boolean[] {false, true}) {
      List<String> names = SamplerChecks.assertFiniteGradients(new PisSampler(SMALL), BM, target, detached);
      assertThat(names).allMatch(n -> n.startsWith("pis/"));
      assertThat(names).anyMatch(n -> n.startsWith("pis/gain"));
    }
  }

  @Test
  void rejectsSchedulesWithDrift() {
    assertThatThrownBy(
            () -> new PisSampler(PisSampler.Params.defaults())
                .validate(new VpFixtureSchedule(), new GaussianFixtureTarget(2, 0, 1, 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'pis'")
        .hasMessageContaining("vp-fixture")
        .hasMessageContaining("Valid schedules: [brownian]");
    new PisSampler(PisSampler.Params.defaults()).validate(BM, new GaussianFixtureTarget(2, 0, 1, 0));
    assertThat(new PisSampler(PisSampler.Params.defaults()).defaultSchedule()).isEqualTo("brownian");
  }

  @Test
  void paramsNameTheOffendingField() {
    assertThatThrownBy(() -> new PisSampler.Params(8, 2, Activation.TANH, 8, 1, Parameterisation.LERP, 1, 1, 0))
        .hasMessageContaining("parameterisation").hasMessageContaining("score");
    assertThatThrownBy(() -> new PisSampler.Params(8, 2, Activation.TANH, 8, 1, Parameterisation.SCORE, 0, 1, 0))
        .hasMessageContaining("clipModel");
    assertThatThrownBy(() -> new PisSampler.Params(8, 2, Activation.TANH, 8, 1, Parameterisation.SCORE, 1, 1, Double.NaN))
        .hasMessageContaining("priorLoc");
  }
}
