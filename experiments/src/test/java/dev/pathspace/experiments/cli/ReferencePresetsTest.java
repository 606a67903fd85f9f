package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.config.Presets;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.testkit.GraphHarness;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference presets resolve against the real registries and build the reference's networks: DIS
 * (lerp), PIS and DDS (score) have 129·d + 37 569 trainable parameters (37 827 on the 2-D GMM, 38 859 on
 * the 10-D funnel, 37 698 on the 1-D double well), the bridge twice that (derivation: samplers {@code
 * ReferenceNetworkTest}).
 */
class ReferencePresetsTest {
  private static final PluginRegistry REGISTRY = PluginRegistry.discover();

  private static RunPlan plan(String preset, String target) {
    return new RunPlanner(REGISTRY).plan(List.of(preset), null, List.of(List.of("target=" + target)));
  }

  private static long count(PathSampler s, int d) {
    return s.parameterCount(d).orElseThrow();
  }

  /** The size of the variables {@code plan}'s sampler builds for one unroll on its planned schedule and target. */
  private static long builtSize(RunPlan plan) {
    try (GraphHarness h = new GraphHarness()) {
      plan.components().sampler().simulate(h.ctx(), new SimulationRequest(plan.components().schedule(),
          plan.components().target(), 4, 3, SimulationRequirements.offPolicy(), h.noise(1), true));
      long n = 0;
      for (TfGraphContext.Trainable t : h.ctx().trainables()) {
        n += Arrays.stream(t.shape()).reduce(1, (a, b) -> a * b);
      }
      return n;
    }
  }

  @Test
  void everyReferencePresetHasTheReferenceParameterCounts() {
    assertThat(Presets.names()).contains("ref-dis", "ref-pis", "ref-dds", "ref-bridge", "ref-basic-dis")
        .doesNotContain("dis-paper");
    for (String preset : List.of("ref-dis", "ref-pis", "ref-dds", "ref-bridge", "ref-basic-dis")) {
      long factor = preset.equals("ref-bridge") ? 2 : 1;
      assertThat(count(plan(preset, "gmm").components().sampler(), 2)).as(preset).isEqualTo(factor * 37_827);
      assertThat(count(plan(preset, "funnel").components().sampler(), 10)).as(preset).isEqualTo(factor * 38_859);
      assertThat(count(plan(preset, "double-well").components().sampler(), 1)).as(preset)
          .isEqualTo(factor * 37_698);
      assertThat(Presets.about(preset)).as(preset).contains("Not reproduced");
    }
  }

  /**
   * What {@code list} prints is what the network has: for every reference preset on every target it is
   * counted on, the shape count ({@link PathSampler#parameterCount}, no TensorFlow) equals the size of
   * the variables the planned sampler builds in a TensorFlow graph.
   */
  @Test
  void listedCountsEqualTheBuiltVariablesForEveryPresetAndTarget() {
    PresetParameters counts = new PresetParameters(REGISTRY);
    List<String> refs = Presets.names().stream().filter(PresetParameters::isReference).toList();
    assertThat(refs).contains("ref-dis", "ref-pis", "ref-dds", "ref-bridge", "ref-basic-dis");
    int checked = 0;
    for (String preset : refs) {
      for (PresetParameters.CountTarget t : PresetParameters.targets(preset)) {
        RunPlan plan = new RunPlanner(REGISTRY).plan(List.of(preset), null, List.of(t.overrides()));
        assertThat(counts.count(preset, t)).as(preset + " on " + t.label()).hasValue(builtSize(plan));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(3 * refs.size() + 1); // + ref-pis on many-well d = 50
  }

  /**
   * The 44 019 that ref-pis reports on many-well d = 50 (examples/sweeps/reproduction-cpu.yaml, mw50) is the
   * reference's count for d = 50, not a different network: FourierMLP 129·50 + 20 864 = 27 314 plus the
   * TimeEmbed gain 16 705.
   */
  @Test
  void referencePisOnManyWellFiftyHasTheReferenceCount() {
    RunPlan plan = new RunPlanner(REGISTRY).plan(List.of("ref-pis"), null,
        List.of(List.of("target=many-well", "target.dim=50", "target.wells=5", "target.separation=2.0")));
    assertThat(count(plan.components().sampler(), 50)).isEqualTo(129L * 50 + 20_864 + 16_705).isEqualTo(44_019);
  }

  @Test
  void ocBaseSettingsAreTheReferences() {
    RunPlan dis = plan("ref-dis", "gmm");
    TrainSettings t = dis.config().train();
    assertThat(t.steps()).isEqualTo(60_000);
    assertThat(t.batch()).isEqualTo(128);
    assertThat(t.lrSchedule()).isEqualTo(TrainSettings.LrSchedule.STEP);
    assertThat(t.lrStepSize()).isEqualTo(100);
    assertThat(t.weightDecay()).isEqualTo(1e-7);
    assertThat(t.emaDecay()).isEqualTo(0.9999);
    assertThat(t.emaStart()).isEqualTo(58_500);
    assertThat(t.emaEvery()).isEqualTo(5);
    assertThat(t.scalarSchedules()).containsOnlyKeys("clip_model", "clip_score");
    assertThat(t.scalarSchedules().get("clip_model").milestones()).containsExactly(200, 400);
    assertThat(dis.config().sampler().params()).containsEntry("priorTruncation", 1e-4)
        .containsEntry("depth", 3).containsEntry("gainDepth", 3).containsEntry("parameterisation", "lerp");
    assertThat(dis.config().divergence().params()).containsEntry("trajectoriesPerSample", 16);
    assertThat(plan("ref-dds", "gmm").config().sampler().params()).containsEntry("integrator", "euler");
    assertThat(plan("ref-basic-dis", "gmm").config().train().lrSchedule())
        .isEqualTo(TrainSettings.LrSchedule.CONSTANT);
    for (String preset : List.of("ref-dis", "ref-pis", "ref-dds", "ref-bridge", "ref-basic-dis")) {
      // the reference evaluates every 500 steps: the learning curve (curves.csv) at the same period
      assertThat(plan(preset, "gmm").config().eval().every()).as(preset).isEqualTo(500);
      assertThat(plan(preset, "gmm").config().eval().curveSinkhorn()).as(preset).isFalse();
    }
    // oc_base: max_loss 1e10 with the MultiStepParams entry max_loss: 1e-4 at [200, 400]; basic_oc_base: none
    for (String preset : List.of("ref-dis", "ref-pis", "ref-dds", "ref-bridge")) {
      TrainSettings p = plan(preset, "gmm").config().train();
      assertThat(p.maxLoss()).as(preset).isEqualTo(1e10);
      assertThat(p.maxLossSchedule().milestones()).as(preset).containsExactly(200, 400);
      assertThat(p.maxLossAt(199)).as(preset).isEqualTo(1e10);
      assertThat(p.maxLossAt(200)).as(preset).isCloseTo(1e6, org.assertj.core.api.Assertions.within(1e-6));
      assertThat(p.maxLossAt(400)).as(preset).isCloseTo(1e2, org.assertj.core.api.Assertions.within(1e-10));
    }
    assertThat(plan("ref-basic-dis", "gmm").config().train().maxLossAt(1000)).isInfinite();
  }
}
