package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.OptionNames;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DisSamplerTest {
  private static final GaussianFixtureTarget TARGET = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
  private static final SdeSchedule VP20 = new VpFixtureSchedule(0.1, 20.0, 1.0, 1.0);

  private static double[] rnd(
      PathSampler sampler, SdeSchedule sde, GaussianFixtureTarget target, int steps, int batch) {
    return rnd(sampler, sde, target, steps, batch, false);
  }

  private static double[] rnd(
      PathSampler sampler, SdeSchedule sde, GaussianFixtureTarget target, int steps, int batch,
      boolean detached) {
    try (GraphHarness h = new GraphHarness()) {
      RndTerms t =
          sampler.simulate(
              h.ctx(),
              new SimulationRequest(sde, target, batch, steps,
                  new SimulationRequirements(detached, true, 1), h.noise(1), false));
      return h.eval(t.logRnd(h.ctx().tf()));
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

  /** ∫_0^1 β(t)² dt for β linear from 0.1 to 10. */
  private static final double BETA_SQ_INTEGRAL = (Math.pow(10.0, 3) - Math.pow(0.1, 3)) / (3 * (10.0 - 0.1));

  @Test
  void optimalControlGivesLogRndEqualToMinusLogZUpToEulerError() {
    // Stationary target N(0, 1)·e^0.7 with the vp_10 schedule: the optimal control is exact, the prior is
    // exactly the noised target, and rnd = −log Z + (Euler–Maruyama error). The error is the strong
    // order-½ term Σ ½σ_k²(ΔB_k² − Δt) per dimension, with std √(d · ½ Δt ∫σ⁴ ds) — predicted in closed form.
    GaussianFixtureTarget target = new GaussianFixtureTarget(2, 0.0, 1.0, 0.7);
    SdeSchedule vp10 = new VpFixtureSchedule();
    PathSampler opt =
        new DisSampler(DisSampler.Params.defaults())
            .withControl(OptimalControls.dis(vp10, 0.0, 1.0))
            .orElseThrow();
    double[] coarse = rnd(opt, vp10, target, 50, 4000);
    double[] fine = rnd(opt, vp10, target, 200, 4000);
    double predictedFine = Math.sqrt(2 * 0.5 * (1.0 / 200) * BETA_SQ_INTEGRAL);
    assertThat(std(fine)).isCloseTo(predictedFine, within(0.2 * predictedFine));
    assertThat(std(fine) / std(coarse)).isCloseTo(0.5, within(0.1)); // √(50/200)
    // the mean carries the weak order-1 bias: it shrinks roughly 4× from N=50 to N=200
    double biasCoarse = mean(coarse) + 0.7;
    double biasFine = mean(fine) + 0.7;
    assertThat(Math.abs(biasFine)).isLessThan(0.1);
    assertThat(Math.abs(biasFine)).isLessThan(0.5 * Math.abs(biasCoarse));
  }

  @Test
  void optimalControlForShiftedNarrowTargetConverges() {
    PathSampler opt =
        new DisSampler(DisSampler.Params.defaults())
            .withControl(OptimalControls.dis(VP20, TARGET.mean(), TARGET.std()))
            .orElseThrow();
    double[] coarse = rnd(opt, VP20, TARGET, 50, 4000);
    double[] fine = rnd(opt, VP20, TARGET, 400, 4000);
    assertThat(std(fine)).isLessThan(0.45 * std(coarse));
    assertThat(Math.abs(mean(fine) + 0.7)).isLessThan(0.5 * Math.abs(mean(coarse) + 0.7));
    assertThat(mean(fine)).isCloseTo(-0.7, within(0.2));
  }

  @Test
  void detachedAndAttachedSimulationsHaveTheSameValues() {
    PathSampler opt =
        new DisSampler(DisSampler.Params.defaults())
            .withControl(OptimalControls.dis(VP20, TARGET.mean(), TARGET.std()))
            .orElseThrow();
    double[] a = rnd(opt, VP20, TARGET, 20, 64, false);
    double[] b = rnd(opt, VP20, TARGET, 20, 64, true);
    for (int i = 0; i < a.length; i++) {
      assertThat(b[i]).isCloseTo(a[i], within(1e-9));
    }
  }

  @Test
  void untrainedLerpNetworkIsFiniteAndHasGradients() {
    DisSampler dis = new DisSampler(DisSampler.Params.defaults());
    try (GraphHarness h = new GraphHarness()) {
      RndTerms t =
          dis.simulate(h.ctx(), new SimulationRequest(VP20, TARGET, 16, 10,
              SimulationRequirements.reparameterised(), h.noise(1), true));
      var loss = h.ctx().tf().math.mean(t.logRnd(h.ctx().tf()), h.ctx().tf().constant(0));
      var vars = h.ctx().trainables().stream().map(v -> (org.tensorflow.Operand<?>) v.variable()).toList();
      var grads = h.ctx().tf().gradients(loss, vars);
      assertThat(vars).isNotEmpty();
      double[] l = h.eval(loss);
      assertThat(l[0]).isFinite();
      for (int i = 0; i < vars.size(); i++) {
        for (double v : h.eval(grads.dy(i))) {
          assertThat(v).isFinite();
        }
      }
    }
  }

  @Test
  void rejectsSchedulesWithoutStationaryLaw() {
    SdeSchedule brownian =
        new SdeSchedule() {
          public String id() { return "brownian"; }
          public double terminalTime() { return 1; }
          public double driftCoeff(double s) { return 0; }
          public double diffusion(double s) { return 1; }
          public double integratedDrift(double s0, double s1) { return 0; }
          public Transition generativeTransition(double s0, double s1) { return new Transition(1, s1 - s0); }
          public Transition noisingTransition(double t0, double t1) { return new Transition(1, t1 - t0); }
          public OptionalDouble stationaryStd() { return OptionalDouble.empty(); }
          public TimeGrid grid(int steps) { return TimeGrid.uniform(1, steps); }
        };
    assertThatThrownBy(() -> new DisSampler(DisSampler.Params.defaults()).validate(brownian, TARGET))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("brownian")
        .hasMessageContaining("vp-linear");
  }

  @Test
  void paramsNameTheOffendingField() {
    assertThatThrownBy(() -> new DisSampler.Params(0, 2, Activation.TANH, 8, Parameterisation.LERP, 1, 1, 0))
        .hasMessageContaining("width");
    assertThatThrownBy(() -> new DisSampler.Params(8, 2, Activation.parse("swish"), 8, Parameterisation.LERP, 1, 1, 0))
        .hasMessageContaining("activation").hasMessageContaining("tanh");
    assertThatThrownBy(() -> new DisSampler.Params(8, 2, Activation.TANH, 8,
        OptionNames.parse(Parameterisation.class, "parameterisation", "lerpy"), 1, 1, 0))
        .hasMessageContaining("parameterisation");
    assertThatThrownBy(() -> new DisSampler.Params(8, 2, Activation.TANH, 8, Parameterisation.SCORE, 1, 1, 0))
        .hasMessageContaining("parameterisation").hasMessageContaining("[lerp, network]");
    assertThat(List.of(DisSampler.Params.defaults().width())).containsExactly(64);
  }
}
