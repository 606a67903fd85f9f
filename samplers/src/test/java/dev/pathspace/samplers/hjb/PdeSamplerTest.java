package dev.pathspace.samplers.hjb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.Target;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.Stats;
import dev.pathspace.testkit.VpFixtureSchedule;
import org.junit.jupiter.api.Test;

/**
 * The {@code pde} sampler (DIS with u*): its ELBO gap E[rnd] + log Z (Monte Carlo, 4000 trajectories)
 * shrinks with the number of steps at the Euler–Maruyama rate 1/N — fitted log-log slope in [−1.35, −0.65]
 * over N = 25, 50, 100 — on the double well (1-D) and the 9-mode GMM (2-D); it rejects d &gt; 2.
 */
class PdeSamplerTest {
  private static double gap(PdeSampler s, Target t, double logZ, int steps) {
    try (GraphHarness h = new GraphHarness()) {
      RndTerms r = s.simulate(h.ctx(), new SimulationRequest(new VpFixtureSchedule(), t, 4000, steps,
          new SimulationRequirements(false, true, 1), h.noise(1), false));
      // with the Itô term: the same expectation as the ELBO form (the Itô integral has mean zero) but, at
      // the optimal control, a nearly constant rnd, so the Monte Carlo error is far below the gap itself
      double[] rnd = h.eval(r.logRnd(h.ctx().tf()));
      return Stats.mean(rnd) + logZ;
    }
  }

  private static void checkRate(String name, Target t, double logZ) {
    PdeSampler s = new PdeSampler(PdeSampler.Params.defaults());
    int[] n = {25, 50, 100};
    double[] g = new double[n.length];
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n.length; i++) {
      g[i] = gap(s, t, logZ, n[i]);
      System.out.printf("%s N=%d log Z error (ELBO) %.4f%n", name, n[i], g[i]);
      assertThat(g[i]).isPositive();
      mx += Math.log(n[i]) / n.length;
      my += Math.log(g[i]) / n.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n.length; i++) {
      sxy += (Math.log(n[i]) - mx) * (Math.log(g[i]) - my);
      sxx += (Math.log(n[i]) - mx) * (Math.log(n[i]) - mx);
    }
    System.out.printf("%s slope %.3f%n", name, sxy / sxx);
    assertThat(sxy / sxx).as(name + " slope").isBetween(-1.35, -0.65);
  }

  @Test
  void doubleWellGapShrinksAtTheEulerRate() {
    Target t = FixtureTargets.doubleWell();
    LogDensityGrid q = new TargetGridEvaluator().evaluate(t, dev.pathspace.api.Domain.cube(1, -5, 5), 4001);
    checkRate("double-well", t, q.logIntegral());
  }

  @Test
  void gmmGapShrinksAtTheEulerRate() {
    checkRate("gmm", FixtureTargets.gmm(), 0.0); // normalised mixture
  }

  @Test
  void rejectsTargetsAboveTwoDimensions() {
    PdeSampler s = new PdeSampler(PdeSampler.Params.defaults());
    assertThatThrownBy(() -> s.validate(new VpFixtureSchedule(), new GaussianFixtureTarget(3, 0, 1, 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.dim = 3")
        .hasMessageContaining("[1, 2]");
  }
}
