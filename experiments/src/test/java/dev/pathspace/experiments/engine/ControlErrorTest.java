package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.Floating;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.divergences.LogVarianceDivergence;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.samplers.DdsSampler;
import dev.pathspace.samplers.DisSampler;
import dev.pathspace.samplers.PisSampler;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code control_error} metric (docs/math.md §14) on Gaussian targets, where the optimal control is
 * known in closed form (testkit {@link OptimalControls}): run with the closed-form u*, the metric is 0 up to
 * the grid's own error; run with u* + c for a constant c, the squared error is |c|² at every state, so
 * control_error = |c|² and control_kl = ½|c|² Σ_k w_k exactly (up to the grid), and control_kl matches the
 * independent estimate log Z − ELBO of KL(P^u ‖ P^{u*}) from the log-RND (up to the Euler–Maruyama floor
 * and Monte Carlo error).
 */
class ControlErrorTest {
  private static final double MEAN = 1.0;
  private static final double STD = 0.5;
  private static final double LOG_Z = 0.7;

  record Case(String name, PathSampler sampler, SdeSchedule schedule, ControlField optimal, int dim) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    VpFixtureSchedule vp = new VpFixtureSchedule();
    BrownianFixtureSchedule bm = new BrownianFixtureSchedule();
    DdsSampler.Params dds = DdsSampler.Params.defaults();
    return Stream.of(
        new Case("dis 1-D", new DisSampler(DisSampler.Params.defaults()), vp, OptimalControls.dis(vp, MEAN, STD), 1),
        new Case("dis 2-D", new DisSampler(DisSampler.Params.defaults()), vp, OptimalControls.dis(vp, MEAN, STD), 2),
        new Case("pis 1-D", new PisSampler(PisSampler.Params.defaults()), bm,
            OptimalControls.pis(bm, MEAN, STD, PisSampler.Params.defaults().priorLoc()), 1),
        new Case("dds 1-D", new DdsSampler(dds), vp,
            OptimalControls.dds(dds.alpha(), dds.sigma(), vp.terminalTime(), MEAN, STD), 1));
  }

  static RunConfig config(int trainSteps, int evalBatch) {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    return new RunConfig(x, x, x, x,
        new TrainSettings(trainSteps, 256, 50, 5e-3, 0.1, 1.0, 0.0, true, 50, 10),
        new EvalSettings(evalBatch, evalBatch, 0), 5, "float32", 1, 2, false);
  }

  /** u* + c·(1, −1, …)/√d: a constant shift of squared norm c². */
  private static ControlField shifted(ControlField u, double c, int d) {
    double[] shift = new double[d];
    for (int j = 0; j < d; j++) {
      shift[j] = (j % 2 == 0 ? c : -c) / Math.sqrt(d);
    }
    return (g, s, x) -> Floating.view(g.tf().math.add(u.apply(g, s, x), g.constant(shift, 1, d)));
  }

  /** The evaluation of {@code c}'s sampler with the control u* + shift. */
  private static EvalResult evaluate(Case c, double shift) {
    PathSampler sampler = c.sampler().withControl(shifted(c.optimal(), shift, c.dim())).orElseThrow();
    GaussianFixtureTarget target = new GaussianFixtureTarget(c.dim(), MEAN, STD, LOG_Z);
    RunComponents comps = new RunComponents(sampler,
        new LogVarianceDivergence(LogVarianceDivergence.Params.defaults()), c.schedule(), target);
    try (Experiment e = Experiment.build(comps, config(1, 8000))) {
      return e.evaluate();
    }
  }

  /** log Z − ELBO = E[rnd] + log Z: KL(P^u ‖ target path measure), estimated from the log-RND. */
  private static double klFromRnd(EvalResult ev) {
    return LOG_Z + Arrays.stream(ev.logRndNoIto()).average().orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void closedFormControlGivesTheAnalyticError(Case c) {
    double shift = 0.5;
    EvalResult exact = evaluate(c, 0);
    EvalResult perturbed = evaluate(c, shift);
    ControlErrorResult ce0 = exact.controlError();
    ControlErrorResult ce = perturbed.controlError();
    assertThat(ce0.computed()).as(ce0.skipped()).isTrue();
    assertThat(ce.computed()).as(ce.skipped()).isTrue();
    double weights = Arrays.stream(ce.klWeights()).sum();
    double dKl = klFromRnd(perturbed) - klFromRnd(exact);
    System.out.printf("%s: exact u*: control_error %.3e (grid %.3e); u* + %.1f: control_error %.4f, control_kl "
            + "%.4f (½c²Σw %.4f), Δ(log Z − ELBO) %.4f; %.1f s%n", c, ce0.controlError(), ce0.gridError(), shift,
        ce.controlError(), ce.controlKl(), 0.5 * shift * shift * weights, dKl, ce0.seconds() + ce.seconds());
    for (ControlErrorResult r : java.util.List.of(ce0, ce)) {
      assertThat(r.trajectories()).isEqualTo(8000);
      assertThat(r.nonFinite()).isZero();
    }
    // the closed-form u* against the grid u*: zero up to the grid's error estimate
    assertThat(ce0.controlError()).isLessThan(1e-6 + 4 * ce0.gridError());
    double tol = 1e-4 + 4 * ce.gridError() + 2 * shift * Math.sqrt(ce.gridError());
    assertThat(ce.controlError()).isCloseTo(shift * shift, org.assertj.core.data.Offset.offset(tol));
    assertThat(ce.controlKl()).isCloseTo(0.5 * shift * shift * weights,
        org.assertj.core.data.Offset.offset(tol * weights));
    // the same KL from the log-RND (independent bookkeeping): the shift adds control_kl to log Z − ELBO,
    // up to Monte Carlo error and the change of the discretisation floor under the shifted law
    assertThat(dKl).isCloseTo(ce.controlKl(), org.assertj.core.data.Offset.offset(0.03));
  }

  /**
   * DIS trained with log-variance on the 1-D double well (no closed form: u* from the grid only): the
   * control error of the trained control is far below that of the initial one (lerp, network output 0).
   */
  @org.junit.jupiter.api.Test
  void trainingReducesTheControlError() {
    DisSampler dis = new DisSampler(new DisSampler.Params(32, 2, dev.pathspace.samplers.nn.Activation.TANH, 16, 1,
        dev.pathspace.samplers.Parameterisation.LERP, 100, 100, 0, 0.0));
    RunComponents comps = new RunComponents(dis, new LogVarianceDivergence(LogVarianceDivergence.Params.defaults()),
        new VpFixtureSchedule(), new dev.pathspace.targets.DoubleWellTarget(
            dev.pathspace.targets.DoubleWellTarget.Params.defaults()));
    try (Experiment e = Experiment.build(comps, config(300, 4000))) {
      ControlErrorResult before = e.evaluate().controlError();
      e.train(r -> { });
      ControlErrorResult after = e.evaluate().controlError();
      assertThat(before.computed()).as(before.skipped()).isTrue();
      System.out.printf("double well, DIS + log-variance: control_error %.4f ± %.4f (step 0) -> %.4f ± %.4f (step 300); "
              + "control_kl %.4f -> %.4f; grid %.1e%n", before.controlError(), before.controlErrorSe(),
          after.controlError(), after.controlErrorSe(), before.controlKl(), after.controlKl(), after.gridError());
      assertThat(after.controlError()).isLessThan(0.5 * before.controlError());
      assertThat(after.controlError() + 3 * after.controlErrorSe())
          .isLessThan(before.controlError() - 3 * before.controlErrorSe());
    }
  }
}
