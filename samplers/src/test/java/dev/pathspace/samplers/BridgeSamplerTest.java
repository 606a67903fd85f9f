package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.samplers.nn.MlpDivergenceTest;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;

class BridgeSamplerTest {
  private static final SdeSchedule VP = new VpFixtureSchedule();
  private static final GaussianFixtureTarget TARGET = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
  private static final BridgeSampler.Params SMALL =
      new BridgeSampler.Params(8, 2, Activation.TANH, 4, 1, 100, 100, 0.0, 0.02, 0.0);
  private static final double[][] X = {{0.3, -0.7}, {-1.2, 0.4}, {2.0, 1.5}};
  private static final int STEPS = 10;

  private static SimulationRequest request(GraphHarness h) {
    return new SimulationRequest(VP, TARGET, 4, STEPS, SimulationRequirements.offPolicy(), h.noise(1), true);
  }

  @Test
  void atInitialisationUPlusVIsTheInterpolatedScore() {
    BridgeSampler bridge = new BridgeSampler(SMALL);
    try (GraphHarness h = new GraphHarness()) {
      SimulationRequest req = request(h);
      GaussianPrior prior = bridge.prior(req);
      BridgeSampler.Controls c = bridge.controls(h.ctx(), req, prior);
      List<Operand<?>> fetch = new ArrayList<>();
      for (int k : new int[] {0, 4, 9}) {
        double s = VP.grid(STEPS).time(k);
        Coupling.VDiv v = c.v().apply(h.ctx(), k, s, h.input(X));
        fetch.add(h.ctx().tf().math.add(c.u().apply(h.ctx(), k, s, h.input(X)), v.v()));
        fetch.add(v.divergence());
      }
      List<double[]> out = h.evalAll(fetch);
      int idx = 0;
      for (int k : new int[] {0, 4, 9}) {
        double s = VP.grid(STEPS).time(k);
        double lam = s / VP.terminalTime();
        double sigma = VP.diffusion(s);
        double[] sum = out.get(2 * idx);
        double[] div = out.get(2 * idx + 1);
        for (int b = 0; b < X.length; b++) {
          for (int i = 0; i < 2; i++) {
            double x = X[b][i];
            double expected = sigma * (lam * (1.0 - x) / 0.25 + (1 - lam) * (-x));
            assertThat(sum[b * 2 + i]).isCloseTo(expected, within(1e-10));
          }
          // ∇·v = σ(s)(1 − s/T)·(−d/scale²), scale = 1 (vp stationary std)
          assertThat(div[b]).isCloseTo(-2 * sigma * (1 - lam), within(1e-10));
        }
        idx++;
      }
    }
  }

  @Test
  void inferenceDivergenceMatchesCentralDifferencesOfV() {
    BridgeSampler bridge = new BridgeSampler(SMALL);
    double hStep = 1e-5;
    try (GraphHarness h = new GraphHarness()) {
      SimulationRequest req = request(h);
      BridgeSampler.Controls c = bridge.controls(h.ctx(), req, bridge.prior(req));
      int k = 3;
      double s = VP.grid(STEPS).time(k);
      List<Operand<?>> fetch = new ArrayList<>();
      fetch.add(c.v().apply(h.ctx(), k, s, h.input(X)).divergence());
      for (int i = 0; i < 2; i++) {
        for (double sign : new double[] {1, -1}) {
          double[][] xs = new double[X.length][];
          for (int b = 0; b < X.length; b++) {
            xs[b] = X[b].clone();
            xs[b][i] += sign * hStep;
          }
          fetch.add(c.v().apply(h.ctx(), k, s, h.input(xs)).v());
        }
      }
      MlpDivergenceTest.randomiseOutput(h, "bridge/inf/ctrl", 11);
      List<double[]> out = h.evalAll(fetch);
      for (int b = 0; b < X.length; b++) {
        double fd = 0;
        for (int i = 0; i < 2; i++) {
          fd += (out.get(1 + 2 * i)[b * 2 + i] - out.get(2 + 2 * i)[b * 2 + i]) / (2 * hStep);
        }
        assertThat(out.get(0)[b]).isCloseTo(fd, within(1e-6));
      }
    }
  }

  @Test
  void withAFixedControlAndZeroInferenceControlTheBridgeIsDis() {
    var u = OptimalControls.dis(VP, TARGET.mean(), TARGET.std());
    PathSampler bridge = new BridgeSampler(SMALL).withControl(u).orElseThrow();
    PathSampler dis = new DisSampler(DisSampler.Params.defaults()).withControl(u).orElseThrow();
    assertThat(bridge.trainable()).isFalse();
    for (boolean detached : new boolean[] {false, true}) {
      double[] a = SamplerChecks.rnd(bridge, VP, TARGET, 20, 64, detached);
      double[] b = SamplerChecks.rnd(dis, VP, TARGET, 20, 64, detached);
      assertThat(a).containsExactly(b, within(1e-12));
    }
  }

  @Test
  void gradientsAreFiniteInBothModesAndInferenceVariablesHaveTheirLearningRateScale() {
    for (boolean detached : new boolean[] {false, true}) {
      List<String> names = SamplerChecks.assertFiniteGradients(new BridgeSampler(SMALL), VP, TARGET, detached);
      assertThat(names).anyMatch(n -> n.startsWith("bridge/gen/ctrl"));
      assertThat(names).anyMatch(n -> n.startsWith("bridge/gen/gain"));
      assertThat(names).anyMatch(n -> n.startsWith("bridge/inf/ctrl"));
      assertThat(names).anyMatch(n -> n.startsWith("bridge/inf/gain"));
    }
    try (GraphHarness h = new GraphHarness()) {
      new BridgeSampler(SMALL).simulate(h.ctx(), request(h));
      for (TfGraphContext.Trainable t : h.ctx().trainables()) {
        assertThat(t.lrScale()).as(t.name()).isEqualTo(t.name().startsWith("bridge/inf/") ? 0.02 : 1.0);
      }
    }
  }

  @Test
  void tilesInitialPointsInBlockOrder() {
    SamplerChecks.assertTiled(new BridgeSampler(SMALL), VP, TARGET, 3, 4);
    SamplerChecks.assertTiled(new DisSampler(DisSampler.Params.defaults()), VP, TARGET, 3, 4);
  }

  @Test
  void untrainedBridgeHasFiniteRnd() {
    double[] r = SamplerChecks.rnd(new BridgeSampler(SMALL), VP, TARGET, 20, 64, false);
    for (double v : r) {
      assertThat(v).isFinite();
    }
  }

  @Test
  void warnsWhenTheDivergenceGroupsTrajectoriesByStartPointAndNotOtherwise() {
    BridgeSampler bridge = new BridgeSampler(SMALL);
    assertThat(bridge.pairingWarnings(new dev.pathspace.api.SimulationRequirements(true, true, 16)))
        .singleElement().asString()
        .contains("sampler=bridge", "16 trajectories per start point", "divergence=log-variance");
    assertThat(bridge.pairingWarnings(dev.pathspace.api.SimulationRequirements.offPolicy())).isEmpty();
    assertThat(bridge.pairingWarnings(dev.pathspace.api.SimulationRequirements.reparameterised())).isEmpty();
    // DIS's inference process is the fixed noising: no warning for the same grouped loss
    assertThat(new DisSampler(DisSampler.Params.defaults())
        .pairingWarnings(new dev.pathspace.api.SimulationRequirements(true, true, 16))).isEmpty();
  }
}
