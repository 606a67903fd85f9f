package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.divergences.MomentDivergence;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.samplers.DisSampler;
import dev.pathspace.samplers.Parameterisation;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped after a checkpoint and resumed in a fresh program ends bit-identical to an uninterrupted one. */
class CheckpointResumeTest {
  private static RunConfig config(int steps) {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    return new RunConfig(x, x, x, x,
        new TrainSettings(steps, 32, 10, 5e-3, 0.5, 1.0, 0.5, true, 1, 5),
        new EvalSettings(64, 64, 10), 7, "float32", 1, 1, false);
  }

  private static RunComponents components() {
    return new RunComponents(new DisSampler(new DisSampler.Params(8, 2, Activation.TANH, 4, 1, Parameterisation.LERP, 100, 100, 0, 0.0)),
        new MomentDivergence(MomentDivergence.Params.defaults()), new VpFixtureSchedule(),
        new GaussianFixtureTarget(2, 1.0, 0.7, 0.2));
  }

  @Test
  void resumedRunMatchesUninterruptedRun(@TempDir Path tmp) {
    List<Double> straightLosses = new ArrayList<>();
    double[] straight;
    try (Experiment e = Experiment.build(components(), config(12))) {
      e.train(r -> straightLosses.add(r.loss()));
      straight = e.evaluate().logRnd();
    }
    Checkpoints cp = new Checkpoints(tmp.resolve("checkpoints"));
    List<Double> resumedLosses = new ArrayList<>();
    // first process: dies during step 6, after its checkpoint at step 5 was written
    try (Experiment e = Experiment.build(components(), config(12))) {
      e.train(r -> {
        if (r.step() == 6) {
          throw new IllegalStateException("killed");
        }
        resumedLosses.add(r.loss());
      }, cp, 5);
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("killed");
    }
    assertThat(cp.latest()).isPresent();
    double[] resumed;
    try (Experiment e = Experiment.build(components(), config(12))) {
      assertThat(e.resume(cp)).hasValueSatisfying(s -> assertThat(s.step()).isEqualTo(5));
      e.train(r -> resumedLosses.add(r.loss()), cp, 4);
      resumed = e.evaluate().logRnd();
    }
    assertThat(resumedLosses).containsExactlyElementsOf(straightLosses);
    assertThat(resumed).containsExactly(straight);
    assertThat(cp.latest().orElseThrow().getFileName().toString()).isEqualTo("step-0000012");
  }
}
