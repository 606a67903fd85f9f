package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.ControlField;
import dev.pathspace.api.Floating;
import dev.pathspace.api.OptionNames;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.ScheduleRef;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.Stats;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdsSamplerTest {
  private static final SdeSchedule VP = new VpFixtureSchedule();
  private static final ControlField ZERO = (g, s, x) -> Floating.view(g.tf().math.mul(x, g.scalar(0.0)));

  private static DdsSampler.Params params(double sigma, String integrator) {
    return new DdsSampler.Params(
        8, 2, Activation.TANH, 4, Parameterisation.SCORE, 100, 100, sigma, 1.0,
            OptionNames.parse(Integrator.class, "integrator", integrator));
  }

  @Test
  void exponentialZeroControlOnTheStationaryLawGivesMinusLogZ() {
    // spec §12 (b): ρ = N(0, σ²I)·Z, u ≡ 0 → rnd ≡ −log Z exactly (the chain keeps N(0, σ²) invariant)
    for (double sigma : new double[] {1.0, 2.0}) {
      GaussianFixtureTarget target = new GaussianFixtureTarget(2, 0.0, sigma, 0.7);
      PathSampler dds = new DdsSampler(params(sigma, "exponential")).withControl(ZERO).orElseThrow();
      for (boolean detached : new boolean[] {false, true}) {
        for (double r : SamplerChecks.rnd(dds, VP, target, 20, 64, detached)) {
          assertThat(r).isCloseTo(-0.7, within(1e-9));
        }
      }
    }
  }

  @Test
  void exponentialChainKeepsThePriorInvariant() {
    // u ≡ 0 for 30 steps from N(0, 4): terminal samples still have std 2 (MC error 2/√(2·4000·2) ≈ 0.016)
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 0.0, 1.0, 0.0);
    PathSampler dds = new DdsSampler(params(2.0, "exponential")).withControl(ZERO).orElseThrow();
    try (GraphHarness h = new GraphHarness()) {
      RndTerms t = dds.simulate(h.ctx(), new SimulationRequest(VP, target, 4000, 30,
          SimulationRequirements.reparameterised(), h.noise(1), false));
      assertThat(Stats.std(h.eval(t.samples()))).isCloseTo(2.0, within(0.07));
    }
  }

  @Test
  void eulerWithTheReferenceControlOnTheStationaryLawGivesMinusLogZ() {
    // u = r = σ(s)∇log N(0, κ²): running and Itô terms vanish, rnd = log p_ref − log ρ = −log Z exactly
    SdeSchedule vp2 = new VpFixtureSchedule(0.1, 10.0, 2.0, 1.0);
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 0.0, 2.0, 0.4);
    ControlField r = (g, s, x) -> Floating.view(g.tf().math.mul(x, g.scalar(-vp2.diffusion(s) / 4.0)));
    PathSampler dds = new DdsSampler(params(2.0, "euler")).withControl(r).orElseThrow();
    for (boolean detached : new boolean[] {false, true}) {
      for (double v : SamplerChecks.rnd(dds, vp2, target, 20, 64, detached)) {
        assertThat(v).isCloseTo(-0.4, within(1e-9));
      }
    }
  }

  @Test
  void eulerOptimalControlConverges() {
    // vp_20 (a(0) = e^{−5.05}: the stationary prior ≈ the target path measure's initial law)
    SdeSchedule vp20 = new VpFixtureSchedule(0.1, 20.0, 1.0, 1.0);
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    PathSampler opt =
        new DdsSampler(params(1.0, "euler"))
            .withControl(OptimalControls.ddsEuler(vp20, 1.0, 1.0, 0.5))
            .orElseThrow();
    double[] coarse = SamplerChecks.rnd(opt, vp20, target, 50, 2000, false);
    double[] fine = SamplerChecks.rnd(opt, vp20, target, 200, 2000, false);
    assertThat(Stats.std(fine)).isLessThan(0.75 * Stats.std(coarse));
    assertThat(Stats.mean(fine)).isCloseTo(-0.7, within(0.1));
  }

  @Test
  void gradientsAreFiniteInBothModesForBothIntegrators() {
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    for (String integrator : List.of("exponential", "euler")) {
      for (boolean detached : new boolean[] {false, true}) {
        List<String> names =
            SamplerChecks.assertFiniteGradients(new DdsSampler(params(1.0, integrator)), VP, target, detached);
        assertThat(names).allMatch(n -> n.startsWith("dds/"));
      }
    }
  }

  @Test
  void offPolicyIncrementsReproduceRunningPlusIto() {
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    for (String integrator : List.of("exponential", "euler")) {
      DdsSampler dds = new DdsSampler(params(1.0, integrator));
      try (GraphHarness h = new GraphHarness()) {
        var tf = h.ctx().tf();
        SimulationRequest req = new SimulationRequest(VP, target, 8, 5,
            SimulationRequirements.offPolicy(), h.noise(1), true);
        RndTerms t = dds.simulate(h.ctx(), req);
        var inc = dds.offPolicyIncrements(h.ctx(), req).orElseThrow();
        var total = inc.increment(h.ctx(), 0, t.path().get(0), t.path().get(1));
        for (int k = 1; k < 5; k++) {
          total = Floating.view(tf.math.add(total, inc.increment(h.ctx(), k, t.path().get(k), t.path().get(k + 1))));
        }
        List<double[]> v = h.evalAll(List.of(tf.math.add(t.running(), t.ito()), total));
        for (int i = 0; i < 8; i++) {
          assertThat(v.get(1)[i]).as(integrator).isCloseTo(v.get(0)[i], within(1e-9));
        }
      }
    }
  }

  @Test
  void tilesInitialPointsInBlockOrder() {
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    SamplerChecks.assertTiled(new DdsSampler(params(1.0, "exponential")), VP, target, 3, 4);
    SamplerChecks.assertTiled(new DdsSampler(params(1.0, "euler")), VP, target, 3, 4);
  }

  @Test
  void validateChecksTheEulerReference() {
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 0, 1, 0);
    SdeSchedule bm = new BrownianFixtureSchedule();
    new DdsSampler(params(1.0, "exponential")).validate(bm, target); // only the grid is used
    new DdsSampler(params(1.0, "euler")).validate(VP, target);
    // a reference without stationary law fails the declared requirement (the run planner's message
    // lists the valid schedules: experiments RunPlannerTest)
    assertThat(new DdsSampler(params(1.0, "exponential")).scheduleRequirement().test(bm)).isTrue();
    assertThat(new DdsSampler(params(1.0, "euler")).scheduleRequirement().test(bm)).isFalse();
    assertThat(new DdsSampler(params(1.0, "euler")).scheduleRequirement().test(VP)).isTrue();
    assertThatThrownBy(() -> new DdsSampler(params(2.0, "euler")).validate(VP, target))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sigma (2.0)")
        .hasMessageContaining("vp-linear");
  }

  @Test
  void paramsNameTheOffendingField() {
    assertThatThrownBy(() -> params(1.0, "heun")).hasMessageContaining("integrator")
        .hasMessageContaining("exponential");
    assertThatThrownBy(() -> params(0.0, "euler")).hasMessageContaining("sigma");
    assertThatThrownBy(() -> new DdsSampler.Params(8, 2, Activation.TANH, 4, Parameterisation.SCORE, 1, 1, 1, -1, Integrator.EULER))
        .hasMessageContaining("alpha");
    assertThat(new DdsSampler(DdsSampler.Params.defaults()).defaultSchedule())
        .isEqualTo(ScheduleRef.of("vp-linear").with("terminalTime", 6.4).with("grid", "cosine"));
  }
}
