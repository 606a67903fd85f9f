package dev.pathspace.samplers.hjb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.Target;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Method A (separable, windowed, strided log-sum-exp) against method B (direct d-dimensional log-sum-exp
 * over every input node, no window, no stride) on the double well, the 9-mode GMM and the rings: the
 * controls agree within the level's quadrature error estimate, at nodes where the process has mass.
 */
class ExactControlCrossCheckTest {
  @Test
  void separableAndDirectQuadratureAgreeWithinTheEstimate() {
    VpFixtureSchedule vp = new VpFixtureSchedule();
    BrownianFixtureSchedule bm = new BrownianFixtureSchedule();
    List<Target> targets = List.of(FixtureTargets.doubleWell(), FixtureTargets.gmm(), FixtureTargets.rings());
    DirectSmoother direct = new DirectSmoother();
    for (Target target : targets) {
      int d = target.dim();
      GridSpec spec = d == 1 ? GridSpec.defaults(1) : new GridSpec(301, 101, 0.25, 9, 1.5);
      for (ControlProblem problem : List.of(ControlProblem.dis(vp), ControlProblem.pis(bm, 0.0))) {
        ExactControl exact = new ExactControl(target, problem, spec);
        double terminal = problem.terminalTime();
        for (double frac : new double[] {0.2, 0.6, 0.9, 0.98}) {
          double s = frac * terminal;
          ExactControl.Level lv = exact.level(s);
          if (lv.regime() != ExactControl.Regime.TABLE) {
            continue;
          }
          Smoothed t = lv.table();
          GaussianKernel k = lv.coefficients().kernel();
          SplittableRandom r = new SplittableRandom(3);
          double maxDiff = 0;
          double maxU = 0;
          int checked = 0;
          double gmax = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < t.size(); i++) {
            gmax = Math.max(gmax, problem.logMarginal(s, LogDensityGrid.pointOf(t.axes(), i), t.logMass()[i]));
          }
          while (checked < 60) {
            int i = r.nextInt(t.size());
            double[] x = LogDensityGrid.pointOf(t.axes(), i);
            if (problem.logMarginal(s, x, t.logMass()[i]) < gmax - 15) {
              continue;
            }
            checked++;
            double[] b = direct.at(exact.q(), x, k, 1);
            for (int j = 0; j < d; j++) {
              double ua = lv.stateCoef() * x[j] + lv.meanCoef() * t.mean(i, j);
              double ub = lv.stateCoef() * x[j] + lv.meanCoef() * b[j + 1];
              maxDiff = Math.max(maxDiff, Math.abs(ua - ub));
              maxU = Math.max(maxU, Math.abs(ub));
            }
          }
          System.out.printf("%-20s %-16s s=%.3f stride=%d max|u|=%.3g |A−B|=%.3g estimate=%.3g%n",
              target.id(), problem.family(), s, lv.stride(), maxU, maxDiff, lv.error().quadrature());
          assertThat(maxDiff).as(target.id() + " " + problem.family() + " s=" + s)
              .isLessThanOrEqualTo(lv.error().quadrature() + 1e-9 * Math.max(1, maxU));
        }
      }
    }
  }
}
