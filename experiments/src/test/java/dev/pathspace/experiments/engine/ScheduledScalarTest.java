package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.Target;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scheduled scalars are fed at every training step from {@code train.scalarSchedules} and at evaluation
 * with the value after the last update. The divergence adds its scalar to the loss (no gradient, so the
 * training itself is unchanged) and the sampler adds its scalar to the samples (not used by the loss), so
 * the differences to an unscheduled run are exactly the fed values.
 */
class ScheduledScalarTest {
  private static final double OFFSET_BASE = 1.0;
  private static final double SHIFT_BASE = 0.25;

  /** Moment divergence whose loss is shifted by the scheduled scalar "offset". */
  private record OffsetDivergence(PathDivergence inner) implements PathDivergence {
    @Override
    public String id() {
      return "offset-moment";
    }

    @Override
    public SimulationRequirements requirements() {
      return inner.requirements();
    }

    @Override
    public DivergenceOutput loss(GraphContext g, RndTerms terms) {
      DivergenceOutput out = inner.loss(g, terms);
      return new DivergenceOutput(Floating.view(g.tf().math.add(out.loss(), g.scheduledScalar("offset", OFFSET_BASE))),
          out.diagnostics());
    }
  }

  /** DIS whose samples are shifted by the scheduled scalar "shift". */
  private record ShiftSampler(PathSampler inner) implements PathSampler {
    @Override
    public String id() {
      return "shift-dis";
    }

    @Override
    public dev.pathspace.api.ScheduleRef defaultSchedule() {
      return inner.defaultSchedule();
    }

    @Override
    public void validate(SdeSchedule schedule, Target target) {
      inner.validate(schedule, target);
    }

    @Override
    public RndTerms simulate(GraphContext g, SimulationRequest request) {
      RndTerms t = inner.simulate(g, request);
      return new RndTerms(t.initial(), t.running(), t.ito(), t.terminal(),
          Floating.view(g.tf().math.add(t.samples(), g.scheduledScalar("shift", SHIFT_BASE))), t.path());
    }
  }

  static RunComponents components() {
    return new RunComponents(
        new ShiftSampler(new DisSampler(new DisSampler.Params(8, 2, Activation.TANH, 4, Parameterisation.LERP, 100, 100, 0))),
        new OffsetDivergence(new MomentDivergence(MomentDivergence.Params.defaults())), new VpFixtureSchedule(),
        new GaussianFixtureTarget(1, 1.0, 0.7, 0.2));
  }

  private static RunConfig config(Map<String, TrainSettings.ScalarSchedule> schedules) {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    return new RunConfig(x, x, x, x,
        new TrainSettings(6, 16, 5, 5e-3, 0.5, 1.0, 0.0, true, 1, 5).withScalarSchedules(schedules),
        new EvalSettings(32, 32, 10), 3, "float64", 1, 1, false);
  }

  private record Run(List<Double> losses, List<Map<String, Double>> diags, double[][] samples) {}

  private static Run run(Map<String, TrainSettings.ScalarSchedule> schedules) {
    List<Double> losses = new ArrayList<>();
    List<Map<String, Double>> diags = new ArrayList<>();
    try (Experiment e = Experiment.build(components(), config(schedules))) {
      e.train(r -> {
        losses.add(r.loss());
        diags.add(r.diagnostics());
      });
      return new Run(losses, diags, e.evaluate().samples());
    }
  }

  @Test
  void scheduledValuesAreFedAtEveryStepAndAtEvaluation() {
    // the reference's rule: ×gamma after the milestone-th applied update (here: ×5 after 2 and 4 updates)
    var offset = new TrainSettings.ScalarSchedule(List.of(2, 4), 5.0);
    var shift = new TrainSettings.ScalarSchedule(List.of(3, 6), 2.0);
    Run plain = run(Map.of());
    Run scheduled = run(Map.of("offset", offset, "shift", shift));
    double[] offsets = {1, 1, 5, 5, 25, 25}; // updates applied before steps 1..6: 0..5
    for (int k = 0; k < 6; k++) {
      assertThat(scheduled.losses().get(k) - plain.losses().get(k))
          .isCloseTo(offsets[k] - OFFSET_BASE, within(1e-9));
      assertThat(scheduled.diags().get(k)).containsEntry("scheduled.offset", offsets[k]);
    }
    assertThat(plain.diags().get(0)).doesNotContainKey("scheduled.offset");
    // evaluation: after the 6 updates, shift = 0.25 · 2² (the training graph's steps used at most 0.25 · 2)
    for (int i = 0; i < plain.samples().length; i++) {
      assertThat(scheduled.samples()[i][0] - plain.samples()[i][0]).isCloseTo(SHIFT_BASE * 4 - SHIFT_BASE, within(1e-9));
    }
  }

  @Test
  void aScheduleForAnUnknownScalarIsAConfigError() {
    var s = Map.of("clipModel", new TrainSettings.ScalarSchedule(List.of(200, 400), 5.0));
    assertThatThrownBy(() -> Experiment.build(components(), config(s)).close())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("train.scalarSchedules.clipModel")
        .hasMessageContaining("[offset, shift]");
  }
}
