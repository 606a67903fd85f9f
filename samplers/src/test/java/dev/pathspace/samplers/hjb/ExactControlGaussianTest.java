package dev.pathspace.samplers.hjb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The grid control equals the closed-form optimal control of testkit {@link OptimalControls} for Gaussian
 * targets, for DIS, PIS, DDS (exponential) and DDS (Euler), in 1-D and 2-D, at 11 times including s = T
 * (small-noise limit), within the level's own error estimate plus a fixed tolerance.
 */
class ExactControlGaussianTest {
  /** Absolute tolerance on top of the error estimate (float64 round-off through 1/v factors). */
  static final double TOL = 2e-4;

  record Case(String name, ControlProblem problem, SdeSchedule schedule, ControlField closed, GaussianFixtureTarget target) {}

  static List<Case> cases(int d) {
    VpFixtureSchedule vp = new VpFixtureSchedule();
    BrownianFixtureSchedule bm = new BrownianFixtureSchedule();
    GaussianFixtureTarget centred = new GaussianFixtureTarget(d, 0.0, 1.0, 0.7);
    GaussianFixtureTarget shifted = new GaussianFixtureTarget(d, 1.0, 0.5, 0.7);
    return List.of(
        new Case("dis", ControlProblem.dis(vp), vp, OptimalControls.dis(vp, 1.0, 0.5), shifted),
        new Case("dis-centred", ControlProblem.dis(vp), vp, OptimalControls.dis(vp, 0.0, 1.0), centred),
        new Case("pis", ControlProblem.pis(bm, 0.0), bm, OptimalControls.pis(bm, 1.0, 0.5, 0.0), shifted),
        new Case("dds", ControlProblem.ddsExponential(1.0, 1.0, 12.0), new VpFixtureSchedule(0.1, 10, 1, 12),
            OptimalControls.dds(1.0, 1.0, 12.0, 1.0, 0.5), shifted),
        new Case("dds-euler", ControlProblem.ddsEuler(vp), vp, OptimalControls.ddsEuler(vp, 1.0, 1.0, 0.5), shifted));
  }

  static double[][] points(int d, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = -3 + 6 * r.nextDouble();
      }
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void gridControlMatchesClosedForm(int d) {
    for (Case c : cases(d)) {
      ExactControl exact = new ExactControl(c.target(), c.problem(), GridSpec.defaults(d));
      GridControlField grid = new GridControlField(exact);
      double terminal = c.problem().terminalTime();
      double[][] x = points(d, 400, 7);
      try (GraphHarness h = new GraphHarness()) {
        for (int i = 0; i <= 10; i++) {
          double s = i == 10 ? terminal : terminal * (i / 10.0 + (i == 9 ? 0.09 : 0));
          if (i == 9) {
            s = terminal * 0.995;
          }
          Operand<TFloating> xs = h.input(x);
          List<double[]> r = h.evalAll(List.of(grid.apply(h.ctx(), s, xs), c.closed().apply(h.ctx(), s, xs)));
          double err = 0;
          double scale = 0;
          for (int k = 0; k < r.get(0).length; k++) {
            err = Math.max(err, Math.abs(r.get(0)[k] - r.get(1)[k]));
            scale = Math.max(scale, Math.abs(r.get(1)[k]));
          }
          ExactControl.Level lv = exact.level(s);
          System.out.printf("d=%d %-12s s=%.4f regime=%s stride=%d max|u|=%.3g err=%.3g est=%s%n",
              d, c.name(), s, lv.regime(), lv.stride(), scale, err, lv.error());
          assertThat(err).as(c.name() + " d=" + d + " s=" + s).isLessThanOrEqualTo(lv.error().total() + TOL * Math.max(1, scale));
        }
      }
    }
  }
}
