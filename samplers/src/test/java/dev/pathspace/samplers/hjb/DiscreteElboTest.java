package dev.pathspace.samplers.hjb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.VpFixtureSchedule;
import org.junit.jupiter.api.Test;

/**
 * With the exact control, the discretised chain's E[rnd] + log Z (its KL gap, the time-discretisation
 * floor of the log Z error) is ≥ 0 and shrinks like 1/N (Euler–Maruyama weak order 1): fitted log-log
 * slope in [−1.3, −0.7] over N = 25, 50, 100, on the double well for DIS and PIS.
 */
class DiscreteElboTest {
  private static double slope(int[] n, double[] gap) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n.length; i++) {
      mx += Math.log(n[i]) / n.length;
      my += Math.log(gap[i]) / n.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n.length; i++) {
      double dx = Math.log(n[i]) - mx;
      sxy += dx * (Math.log(gap[i]) - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  private static void check(String name, ExactControl exact, SdeSchedule sde, DiscreteElbo elbo) {
    Target target = exact.target();
    double logZ = exact.logNormaliser();
    GridControlField u = new GridControlField(exact);
    GridAxis axis = GridAxis.spanning(exact.outputAxes()[0].lower(), exact.outputAxes()[0].upper(), 1201);
    int[] n = {25, 50, 100};
    double[] gap = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      DiscreteElbo.Result1d r = elbo.compute(target, sde, n[i], u, axis);
      gap[i] = r.expectedRnd() + logZ;
      System.out.printf("%s N=%d E[rnd]+logZ=%.5f lost=%.2e%n", name, n[i], gap[i], r.lostMass());
      assertThat(gap[i]).as(name + " KL gap at N=" + n[i]).isPositive();
      assertThat(r.lostMass()).isLessThan(1e-6);
    }
    double k = slope(n, gap);
    System.out.printf("%s slope %.3f%n", name, k);
    assertThat(k).as(name + " log-log slope").isBetween(-1.3, -0.7);
  }

  @Test
  void disGapShrinksAtTheEulerRate() {
    VpFixtureSchedule vp = new VpFixtureSchedule();
    ExactControl exact = new ExactControl(FixtureTargets.doubleWell(), ControlProblem.dis(vp), GridSpec.defaults(1));
    check("dis", exact, vp, new DiscreteElbo(DiscreteElbo.Chain.DIS, 0, 1.0, 0));
  }

  @Test
  void pisGapShrinksAtTheEulerRate() {
    BrownianFixtureSchedule bm = new BrownianFixtureSchedule();
    ExactControl exact = new ExactControl(FixtureTargets.doubleWell(), ControlProblem.pis(bm, 0.0), GridSpec.defaults(1));
    check("pis", exact, bm, new DiscreteElbo(DiscreteElbo.Chain.PIS, 0, 0, 0));
  }
}
