package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The networks of the reference code {@code sde_sampler} (Berner, Richter &amp; Ullrich; Richter &amp;
 * Berner): FourierMLP with {@code num_layers: 4}, {@code channels: 64} (input embedding, 2 hidden layers,
 * output; its time embedding Linear(128→64), GELU, Linear(64→64)) is {@code depth=3}, and the
 * {@code time_embed} score model with {@code num_layers: 4} (Linear(128→64) and 2 × Linear(64→64), each
 * followed by GELU, then Linear(64→1)) is {@code gainDepth=3}. Counting {@code models/mlp.py}: FourierMLP
 * = 64 + (128·64 + 64) + (64·64 + 64) + (64d + 64) + 2(64·64 + 64) + (64d + d) = 129d + 20 864, the
 * TimeEmbed gain = 64 + (128·64 + 64) + 2(64·64 + 64) + 65 = 16 705; one control = 129d + 37 569 (lerp for
 * DIS, score for PIS and DDS), the bridge has two (LerpTargetCtrl + LerpPriorCtrl).
 */
class ReferenceNetworkTest {
  private static DisSampler.Params refDis(double clip) {
    return new DisSampler.Params(64, 3, Activation.GELU, 64, 3, Parameterisation.LERP, clip, clip, 1.0, 1e-4);
  }

  private static final PisSampler REF_PIS = new PisSampler(
      new PisSampler.Params(64, 3, Activation.GELU, 64, 3, Parameterisation.SCORE, 10, 10, 0.0));
  private static final DdsSampler REF_DDS = new DdsSampler(new DdsSampler.Params(
      64, 3, Activation.GELU, 64, 3, Parameterisation.SCORE, 10, 10, 1.0, 1.0, Integrator.EXPONENTIAL, 1e-4));
  private static final BridgeSampler REF_BRIDGE =
      new BridgeSampler(new BridgeSampler.Params(64, 3, Activation.GELU, 64, 3, 10, 10, 1.0, 1.0, 1e-4));

  /** Name → shape of the variables the sampler creates for one unroll on dimension d. */
  private static Map<String, long[]> variables(PathSampler sampler, int d) {
    try (GraphHarness h = new GraphHarness()) {
      sampler.simulate(h.ctx(), new SimulationRequest(new VpFixtureSchedule(), new GaussianFixtureTarget(d, 0, 1, 0),
          4, 3, SimulationRequirements.offPolicy(), h.noise(1), true));
      Map<String, long[]> out = new LinkedHashMap<>();
      for (TfGraphContext.Trainable t : h.ctx().trainables()) {
        out.put(t.name(), t.shape());
      }
      return out;
    }
  }

  private static long size(Map<String, long[]> vars) {
    return vars.values().stream().mapToLong(s -> Arrays.stream(s).reduce(1, (a, b) -> a * b)).sum();
  }

  @Test
  void referenceDisHasTheReferenceParameterCounts() {
    DisSampler dis = new DisSampler(refDis(10));
    assertThat(dis.trainableParameterCount(2)).isEqualTo(37_827); // 2-D GMM
    assertThat(dis.trainableParameterCount(10)).isEqualTo(38_859); // 10-D funnel
    assertThat(dis.trainableParameterCount(1)).isEqualTo(37_698); // 1-D shifted double well
    assertThat(size(variables(dis, 2))).isEqualTo(37_827);
    assertThat(size(variables(dis, 1))).isEqualTo(37_698);
    assertThat(dis.parameterCount(10)).hasValue(38_859); // the api's count (pathspace list) is the same
    assertThat(new LangevinSampler(LangevinSampler.Params.defaults()).parameterCount(2))
        .hasValue(0);
  }

  @Test
  void referenceLayerShapes() {
    Map<String, long[]> v = variables(new DisSampler(refDis(10)), 2);
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("dis/ctrl/time/phase", new long[] {1, 64});
    expected.put("dis/ctrl/time/l1/w", new long[] {128, 64});
    expected.put("dis/ctrl/time/l1/b", new long[] {64});
    expected.put("dis/ctrl/time/l2/w", new long[] {64, 64});
    expected.put("dis/ctrl/time/l2/b", new long[] {64});
    expected.put("dis/ctrl/in/w", new long[] {2, 64});
    expected.put("dis/ctrl/in/b", new long[] {64});
    expected.put("dis/ctrl/h1/w", new long[] {64, 64});
    expected.put("dis/ctrl/h1/b", new long[] {64});
    expected.put("dis/ctrl/h2/w", new long[] {64, 64});
    expected.put("dis/ctrl/h2/b", new long[] {64});
    expected.put("dis/ctrl/out/w", new long[] {64, 2});
    expected.put("dis/ctrl/out/b", new long[] {2});
    expected.put("dis/gain/phase", new long[] {1, 64});
    expected.put("dis/gain/l1/w", new long[] {128, 64});
    expected.put("dis/gain/l1/b", new long[] {64});
    expected.put("dis/gain/h1/w", new long[] {64, 64});
    expected.put("dis/gain/h1/b", new long[] {64});
    expected.put("dis/gain/h2/w", new long[] {64, 64});
    expected.put("dis/gain/h2/b", new long[] {64});
    expected.put("dis/gain/l2/w", new long[] {64, 1});
    expected.put("dis/gain/l2/b", new long[] {1});
    assertThat(v.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((name, shape) -> assertThat(v.get(name)).as(name).containsExactly(shape));
  }

  @Test
  void lerpGainStartsAtOneAndScoreGainAtOneHundredth() {
    try (GraphHarness h = new GraphHarness()) {
      new DisSampler(refDis(10)).simulate(h.ctx(), new SimulationRequest(new VpFixtureSchedule(),
          new GaussianFixtureTarget(2, 0, 1, 0), 4, 3, SimulationRequirements.offPolicy(), h.noise(1), true));
      REF_PIS.simulate(h.ctx(), new SimulationRequest(new VpFixtureSchedule(),
          new GaussianFixtureTarget(2, 0, 1, 0), 4, 3, SimulationRequirements.offPolicy(), h.noise(1), true));
      Map<String, double[]> init = new LinkedHashMap<>();
      h.ctx().trainables().forEach(t -> init.put(t.name(), t.init()));
      assertThat(init.get("dis/gain/l2/b")).containsExactly(1.0); // lerp.yaml: last_bias_init 1
      assertThat(init.get("pis/gain/l2/b")).containsExactly(0.01); // score.yaml: last_bias_init 0.01
      assertThat(init.get("dis/gain/l2/w")).containsOnly(0.0);
      assertThat(init.get("dis/ctrl/out/w")).containsOnly(0.0); // fouriermlp.yaml: zero last layer
      assertThat(init.get("dis/ctrl/out/b")).containsOnly(0.0);
    }
  }

  @Test
  void referencePisDdsAndBridgeCounts() {
    for (int d : new int[] {1, 2, 10}) {
      long one = 129L * d + 37_569;
      assertThat(REF_PIS.trainableParameterCount(d)).isEqualTo(one);
      assertThat(REF_DDS.trainableParameterCount(d)).isEqualTo(one);
      assertThat(REF_BRIDGE.trainableParameterCount(d)).isEqualTo(2 * one);
    }
    assertThat(REF_BRIDGE.trainableParameterCount(2)).isEqualTo(75_654);
    assertThat(size(variables(REF_PIS, 2))).isEqualTo(37_827);
    assertThat(size(variables(REF_DDS, 10))).isEqualTo(38_859);
    assertThat(size(variables(REF_BRIDGE, 2))).isEqualTo(75_654);
  }

  @Test
  void defaultNetworksAreCountedAsBuilt() {
    // today's defaults: 2 × 64 tanh, 32 time channels, a 1-activation gain
    for (ControlledSampler<?> s : new ControlledSampler<?>[] {new DisSampler(DisSampler.Params.defaults()),
        new PisSampler(PisSampler.Params.defaults()), new DdsSampler(DdsSampler.Params.defaults()),
        new BridgeSampler(BridgeSampler.Params.defaults())}) {
      assertThat(s.trainableParameterCount(3)).as(s.id()).isEqualTo(size(variables(s, 3)));
    }
    assertThat(new DisSampler(DisSampler.Params.defaults()).trainableParameterCount(2)).isEqualTo(17_091);
  }
}
