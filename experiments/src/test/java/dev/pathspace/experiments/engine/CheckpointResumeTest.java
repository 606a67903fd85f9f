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
    return new RunComponents(new DisSampler(new DisSampler.Params(8, 2, Activation.TANH, 4, Parameterisation.LERP, 100, 100, 0)),
        new MomentDivergence(MomentDivergence.Params.defaults()), new VpFixtureSchedule(),
        new GaussianFixtureTarget(2, 1.0, 0.7, 0.2));
  }

  /**
   * The composed optimiser: StepLR, weight decay, an EMA that copies until update 3, then averages every 2
   * updates with the power warm-up (shadows read by evaluation), and scheduled scalars of the loss and the
   * samples with milestones on both sides of the checkpoint.
   */
  private static RunConfig composedConfig(int steps) {
    RunConfig base = config(steps);
    TrainSettings t = base.train()
        .withOptimizer(TrainSettings.LrSchedule.STEP, 2, 0.7, List.of(), 1e-3)
        .withEma(0.9, 3, 2, TrainSettings.EmaWarmup.POWER, 0.9, 1.0)
        .withScalarSchedules(Map.of(
            "offset", new TrainSettings.ScalarSchedule(List.of(4, 8), 5.0),
            "shift", new TrainSettings.ScalarSchedule(List.of(3, 9), 2.0)));
    return new RunConfig(base.sampler(), base.divergence(), base.schedule(), base.target(), t, base.eval(),
        base.seed(), base.precision(), base.intraThreads(), base.interThreads(), base.graphOptimization());
  }

  @Test
  void resumedRunMatchesUninterruptedRun(@TempDir Path tmp) {
    assertResumeIsBitIdentical(tmp, CheckpointResumeTest::components, CheckpointResumeTest::config);
  }

  @Test
  void resumeRestoresEmaShadowsAndSchedulePositions(@TempDir Path tmp) {
    assertResumeIsBitIdentical(tmp, ScheduledScalarTest::components, CheckpointResumeTest::composedConfig);
  }

  private static void assertResumeIsBitIdentical(
      Path tmp, java.util.function.Supplier<RunComponents> components,
      java.util.function.IntFunction<RunConfig> config) {
    List<Double> straightLosses = new ArrayList<>();
    double[] straight;
    try (Experiment e = Experiment.build(components.get(), config.apply(12))) {
      e.train(r -> straightLosses.add(r.loss()));
      EvalResult ev = e.evaluate();
      straight = concat(ev.logRnd(), ev.samples());
    }
    Checkpoints cp = new Checkpoints(tmp.resolve("checkpoints"));
    List<Double> resumedLosses = new ArrayList<>();
    // first process: dies during step 6, after its checkpoint at step 5 was written
    try (Experiment e = Experiment.build(components.get(), config.apply(12))) {
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
    try (Experiment e = Experiment.build(components.get(), config.apply(12))) {
      assertThat(e.resume(cp)).hasValueSatisfying(s -> assertThat(s.step()).isEqualTo(5));
      e.train(r -> resumedLosses.add(r.loss()), cp, 4);
      EvalResult ev = e.evaluate();
      resumed = concat(ev.logRnd(), ev.samples());
    }
    assertThat(resumedLosses).containsExactlyElementsOf(straightLosses);
    assertThat(resumed).containsExactly(straight);
    assertThat(cp.latest().orElseThrow().getFileName().toString()).isEqualTo("step-0000012");
  }

  private static double[] concat(double[] a, double[][] rows) {
    java.util.stream.DoubleStream s = java.util.Arrays.stream(a);
    for (double[] r : rows) {
      s = java.util.stream.DoubleStream.concat(s, java.util.Arrays.stream(r));
    }
    return s.toArray();
  }
}
