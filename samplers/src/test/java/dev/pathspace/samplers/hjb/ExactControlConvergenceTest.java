package dev.pathspace.samplers.hjb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.VpFixtureSchedule;
import org.junit.jupiter.api.Test;

/**
 * The interpolation error estimate is honest: on the double well (1-D, DIS), halving the output spacing
 * shrinks the observed bilinear-interpolation error (against a 16× finer table) by ≈ 4 (second order), and
 * the estimate tracks the observed error (within 1.5×, not more than 20× above it) and shrinks by the same
 * factor.
 */
class ExactControlConvergenceTest {
  private static double observed(ExactControl coarse, ExactControl fine, double s) {
    double max = 0;
    for (double x = -3; x <= 3; x += 0.0137) {
      double[] uc = coarse.control(s, new double[] {x});
      double[] uf = fine.control(s, new double[] {x});
      max = Math.max(max, Math.abs(uc[0] - uf[0]));
    }
    return max;
  }

  @Test
  void halvingTheSpacingShrinksTheInterpolationErrorFourfold() {
    VpFixtureSchedule vp = new VpFixtureSchedule();
    ControlProblem p = ControlProblem.dis(vp);
    GridSpec base = GridSpec.defaults(1);
    ExactControl h1 = new ExactControl(FixtureTargets.doubleWell(), p, base.withOutputPoints(101));
    ExactControl h2 = new ExactControl(FixtureTargets.doubleWell(), p, base.withOutputPoints(201));
    ExactControl ref = new ExactControl(FixtureTargets.doubleWell(), p, base.withOutputPoints(1601));
    for (double s : new double[] {0.5, 0.8, 0.9}) {
      double e1 = observed(h1, ref, s);
      double e2 = observed(h2, ref, s);
      double est1 = h1.level(s).error().interpolation();
      double est2 = h2.level(s).error().interpolation();
      System.out.printf("s=%.2f observed %.3g -> %.3g (ratio %.2f), estimate %.3g -> %.3g (ratio %.2f)%n",
          s, e1, e2, e1 / e2, est1, est2, est1 / est2);
      assertThat(e1 / e2).as("observed ratio at s=" + s).isBetween(3.0, 5.0);
      assertThat(est1 / est2).as("estimated ratio at s=" + s).isBetween(3.0, 5.0);
      // the second-difference bound samples |∂²u| at nodes only: within 1.5× of the true maximum here
      assertThat(e1).isLessThanOrEqualTo(1.5 * est1);
      assertThat(e2).isLessThanOrEqualTo(1.5 * est2);
      assertThat(est1).as("estimate not vacuous").isLessThan(20 * e1);
    }
  }

  @Test
  void gaussianTablesAreExactForLinearPosteriorMeans() {
    // For a Gaussian target E[y | x] is affine in x, so bilinear interpolation adds no error and the
    // estimate says so.
    ExactControl e = new ExactControl(new GaussianFixtureTarget(1, 1.0, 0.5, 0.0),
        ControlProblem.dis(new VpFixtureSchedule()), GridSpec.defaults(1).withOutputPoints(51));
    assertThat(e.level(0.5).error().interpolation()).isLessThan(1e-9);
  }
}
