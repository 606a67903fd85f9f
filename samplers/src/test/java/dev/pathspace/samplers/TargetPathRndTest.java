package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.Floating;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.Stats;
import dev.pathspace.testkit.VpFixtureSchedule;
import org.junit.jupiter.api.Test;

/**
 * The log-RND on trajectories of the target path measure ({@link PathSampler#targetPathRnd}, docs/math.md
 * §14) against closed forms on Gaussian targets: with the closed-form optimal control the EUBO E_P[log w]
 * and the ELBO E_Q[log w] sandwich log Z up to the time-discretisation error and the forward ESS is ≈ 1;
 * with a constant (wrong) control the log weights have closed forms (PIS: pathwise; DIS: the mean of the
 * discrete formula over the exact noising path, computed in plain Java).
 */
class TargetPathRndTest {
  private static final int M = 4000;
  private static final int STEPS = 200;

  /** log w = −rnd on M target paths ending at exact target samples. */
  private static double[] targetLogW(PathSampler s, SdeSchedule sde, GaussianFixtureTarget t, double[][] x) {
    return targetLogW(s, sde, t, x, STEPS);
  }

  private static double[] targetLogW(
      PathSampler s, SdeSchedule sde, GaussianFixtureTarget t, double[][] x, int steps) {
    try (GraphHarness h = new GraphHarness()) {
      SimulationRequest req =
          new SimulationRequest(sde, t, x.length, steps, new SimulationRequirements(false, true, 1), h.noise(3), false);
      RndTerms r =
          s.targetPathRnd(h.ctx(), req, h.input(x)).orElseThrow(() -> new AssertionError(s.id() + ": no target paths"));
      return negate(h.eval(r.logRnd(h.ctx().tf())));
    }
  }

  /** ELBO sample: −rnd without the Itô term on M model paths. */
  private static double[] modelLogWNoIto(PathSampler s, SdeSchedule sde, GaussianFixtureTarget t) {
    return modelLogWNoIto(s, sde, t, STEPS);
  }

  private static double[] modelLogWNoIto(PathSampler s, SdeSchedule sde, GaussianFixtureTarget t, int steps) {
    try (GraphHarness h = new GraphHarness()) {
      RndTerms r =
          s.simulate(h.ctx(), new SimulationRequest(sde, t, M, steps, new SimulationRequirements(false, true, 1),
              h.noise(1), false));
      return negate(h.eval(r.withoutIto(h.ctx().tf())));
    }
  }

  private static double[] negate(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = -v[i];
    }
    return out;
  }

  /** Forward ESS 1/(mean(w)·mean(1/w)) (Blessing et al. 2024), shift-stable. */
  private static double forwardEss(double[] logW) {
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (double v : logW) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    double a = 0;
    double b = 0;
    for (double v : logW) {
      a += Math.exp(v - max);
      b += Math.exp(min - v);
    }
    a /= logW.length;
    b /= logW.length;
    return Math.exp(min - max) / (a * b);
  }

  private static double[][] samples(GaussianFixtureTarget t, int n) {
    return t.groundTruth().orElseThrow().sample(n, 17);
  }

  private static ControlField constant(double c) {
    return (g, s, x) -> Floating.view(g.tf().math.add(g.tf().math.mul(x, g.scalar(0.0)), g.scalar(c)));
  }

  /** ∫ N(x; m, S²)² / N(x; μ, V) dx = 1 + χ²(N(m, S²) ‖ N(μ, V)), for V > S²/2. */
  private static double chiSquarePlusOne(double m, double s, double mu, double v) {
    double a = 1 / (s * s) - 1 / (2 * v);
    double dm = m - mu;
    return Math.sqrt(2 * Math.PI * v) / (2 * Math.PI * s * s) * Math.sqrt(Math.PI / a)
        * Math.exp(dm * dm / (Math.pow(s, 4) * a) - dm * dm / (s * s));
  }

  /** KL(N(m, S²) ‖ N(μ, V)) per coordinate. */
  private static double kl(double m, double s, double mu, double v) {
    return 0.5 * (s * s / v + (m - mu) * (m - mu) / v - 1 - Math.log(s * s / v));
  }

  /**
   * At the optimal control: ELBO ≤ EUBO, both within {@code tolerance} of log Z and forward ESS above {@code
   * minEss} at {@link #STEPS} steps, and the sandwich EUBO − ELBO narrower than at a quarter of the steps (its
   * width is the time-discretisation error).
   */
  private static void assertSandwich(String name, PathSampler optimal, SdeSchedule sde, GaussianFixtureTarget t,
      double tolerance, double minEss) {
    double logZ = t.logZ().orElseThrow();
    double[][] x = samples(t, M);
    double[] fwd = targetLogW(optimal, sde, t, x);
    double eubo = Stats.mean(fwd);
    double elbo = Stats.mean(modelLogWNoIto(optimal, sde, t));
    double ess = forwardEss(fwd);
    double coarseWidth = Stats.mean(targetLogW(optimal, sde, t, x, STEPS / 4))
        - Stats.mean(modelLogWNoIto(optimal, sde, t, STEPS / 4));
    System.out.printf("%s: EUBO %.4f ELBO %.4f log Z %.4f forward ESS %.4f; width at %d steps %.4f%n",
        name, eubo, elbo, logZ, ess, STEPS / 4, coarseWidth);
    assertThat(Math.abs(eubo - logZ)).as(name + ": |EUBO − log Z| (EUBO " + eubo + ")").isLessThan(tolerance);
    assertThat(Math.abs(elbo - logZ)).as(name + ": |ELBO − log Z| (ELBO " + elbo + ")").isLessThan(tolerance);
    assertThat(eubo).as(name + ": EUBO ≥ ELBO").isGreaterThanOrEqualTo(elbo);
    assertThat(eubo - elbo).as(name + ": sandwich width shrinks with the step").isLessThan(0.75 * coarseWidth);
    assertThat(ess).as(name + ": forward ESS at the optimum").isGreaterThan(minEss).isLessThanOrEqualTo(1.0);
  }

  @Test
  void disAtTheOptimalControlSandwichesLogZ() {
    SdeSchedule sde = new VpFixtureSchedule();
    GaussianFixtureTarget t = new GaussianFixtureTarget(2, 0.0, 1.0, 0.7);
    PathSampler s =
        new DisSampler(DisSampler.Params.defaults()).withControl(OptimalControls.dis(sde, 0.0, 1.0)).orElseThrow();
    assertSandwich("dis", s, sde, t, 0.15, 0.8);
  }

  @Test
  void pisAtTheOptimalControlSandwichesLogZ() {
    SdeSchedule sde = new BrownianFixtureSchedule();
    GaussianFixtureTarget t = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    PathSampler s = new PisSampler(PisSampler.Params.defaults())
        .withControl(OptimalControls.pis(sde, 1.0, 0.5, 0.0)).orElseThrow();
    assertSandwich("pis", s, sde, t, 0.1, 0.85);
  }

  @Test
  void ddsAtTheOptimalControlSandwichesLogZ() {
    SdeSchedule sde = new VpFixtureSchedule(0.1, 10.0, 1.0, 12.0);
    GaussianFixtureTarget t = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    PathSampler s = new DdsSampler(DdsSampler.Params.defaults())
        .withControl(OptimalControls.dds(1.0, 1.0, 12.0, 1.0, 0.5)).orElseThrow();
    assertSandwich("dds", s, sde, t, 0.1, 0.85);
  }

  @Test
  void eulerDdsAtTheOptimalControlSandwichesLogZ() {
    SdeSchedule sde = new VpFixtureSchedule();
    GaussianFixtureTarget t = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    DdsSampler.Params p = new DdsSampler.Params(64, 2, Activation.TANH, 32, 1, Parameterisation.SCORE, 100.0, 100.0,
        1.0, 1.0, Integrator.EULER, 0.0);
    PathSampler s = new DdsSampler(p).withControl(OptimalControls.ddsEuler(sde, 1.0, 1.0, 0.5)).orElseThrow();
    assertSandwich("dds euler", s, sde, t, 0.15, 0.8);
  }

  /**
   * PIS with a constant control c from δ_0 on a constant-σ Brownian reference: the Itô sum telescopes, so
   * pathwise log w = log ρ(X_N) − log N(X_N; σcT, σ²T), EUBO = log Z + d·KL(π ‖ N(σcT, σ²T)) and forward ESS
   * = (1 + χ²)^{−d}; the model's ELBO is log Z − d·KL(N(σcT, σ²T) ‖ π).
   */
  @Test
  void pisWithAConstantControlMatchesTheClosedForm() {
    BrownianFixtureSchedule sde = new BrownianFixtureSchedule();
    double m = 1.0;
    double std = 0.9; // S² ∈ (V/2, 3V/2): both w and 1/w have finite variance under π
    double c = 0.6;
    GaussianFixtureTarget t = new GaussianFixtureTarget(2, m, std, 0.7);
    double sigma = sde.diffusion(0);
    double bigT = sde.terminalTime();
    double mu = sigma * c * bigT;
    double v = sigma * sigma * bigT;
    PathSampler s = new PisSampler(PisSampler.Params.defaults()).withControl(constant(c)).orElseThrow();
    double[][] x = samples(t, M);
    double[] logW = targetLogW(s, sde, t, x);
    for (int i = 0; i < M; i++) {
      double expected = 0.7;
      for (double xj : x[i]) {
        expected += logNormal(xj, m, std) - logNormal(xj, mu, v == 0 ? 1 : Math.sqrt(v));
      }
      assertThat(logW[i]).as("path " + i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-8));
    }
    double eubo = Stats.mean(logW);
    double se = Stats.std(logW) / Math.sqrt(M);
    assertThat(eubo).isCloseTo(0.7 + 2 * kl(m, std, mu, v), org.assertj.core.data.Offset.offset(4 * se));
    double essExact = Math.pow(chiSquarePlusOne(m, std, mu, v), -2);
    assertThat(forwardEss(logW)).isCloseTo(essExact, org.assertj.core.data.Percentage.withPercentage(10));
    double elbo = Stats.mean(modelLogWNoIto(s, sde, t));
    double elboExact = 0.7 - 2 * kl(mu, Math.sqrt(v), m, std * std);
    assertThat(elbo).isCloseTo(elboExact, org.assertj.core.data.Offset.offset(0.05));
    assertThat(eubo).isGreaterThan(0.7).isGreaterThan(elbo);
  }

  /**
   * DIS with a constant control c on the VP fixture: the mean of its discrete log-RND over the exact noising
   * path from N(m, S²) follows from the path's Gaussian marginals (means μ_k and variances V_k computed
   * backwards in plain Java): E[rnd] = d[log N-moment of the prior at (μ_0, V_0)] + ½dc²T − d∫c + d·c·Σ_k
   * [(μ_{k+1} − (1 + c(s_k)Δt_k)μ_k)/σ(s_k) − cΔt_k] − E_π[log ρ].
   */
  @Test
  void disWithAConstantControlMatchesTheDiscreteFormulaOnTheNoisingPath() {
    VpFixtureSchedule sde = new VpFixtureSchedule();
    double m = 0.5;
    double std = 0.7;
    double c = 0.4;
    int d = 2;
    GaussianFixtureTarget t = new GaussianFixtureTarget(d, m, std, 0.7);
    PathSampler s = new DisSampler(DisSampler.Params.defaults()).withControl(constant(c)).orElseThrow();
    double[] logW = targetLogW(s, sde, t, samples(t, M));

    TimeGrid grid = sde.grid(STEPS);
    double bigT = sde.terminalTime();
    double[] mean = new double[STEPS + 1];
    double[] var = new double[STEPS + 1];
    mean[STEPS] = m;
    var[STEPS] = std * std;
    for (int k = STEPS - 1; k >= 0; k--) {
      Transition tr = sde.noisingTransition(bigT - grid.time(k + 1), bigT - grid.time(k));
      mean[k] = tr.meanScale() * mean[k + 1];
      var[k] = tr.meanScale() * tr.meanScale() * var[k + 1] + tr.variance();
    }
    double kappa = sde.stationaryStd().getAsDouble();
    double rnd = d * (-0.5 * Math.log(2 * Math.PI * kappa * kappa) - (var[0] + mean[0] * mean[0]) / (2 * kappa * kappa));
    for (int k = 0; k < STEPS; k++) {
      double sk = grid.time(k);
      double dt = grid.dt(k);
      rnd += 0.5 * d * c * c * dt;
      rnd -= d * sde.integratedDrift(sk, grid.time(k + 1));
      rnd += d * c * ((mean[k + 1] - (1 + sde.driftCoeff(sk) * dt) * mean[k]) / sde.diffusion(sk) - c * dt);
    }
    rnd -= 0.7 - 0.5 * d * Math.log(2 * Math.PI * std * std) - 0.5 * d;
    double se = Stats.std(logW) / Math.sqrt(M);
    assertThat(Stats.mean(logW)).isCloseTo(-rnd, org.assertj.core.data.Offset.offset(4 * se));
    assertThat(Stats.mean(logW)).as("a wrong control lies far above log Z").isGreaterThan(0.7 + 0.5);
  }

  /** DDS (exponential) with the zero control: log w = log ρ(X_N) − log N(X_N; 0, σ²I) pathwise. */
  @Test
  void ddsWithTheZeroControlIsTheTerminalRatio() {
    SdeSchedule sde = new VpFixtureSchedule(0.1, 10.0, 1.0, 12.0);
    GaussianFixtureTarget t = new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
    PathSampler s = new DdsSampler(DdsSampler.Params.defaults()).withControl(constant(0.0)).orElseThrow();
    double[][] x = samples(t, 500);
    double[] logW = targetLogW(s, sde, t, x);
    for (int i = 0; i < x.length; i++) {
      double expected = 0.7;
      for (double xj : x[i]) {
        expected += logNormal(xj, 1.0, 0.5) - logNormal(xj, 0.0, 1.0);
      }
      assertThat(logW[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void samplersWithoutASampleableTargetPathMeasureSayEmpty() {
    SdeSchedule sde = new BrownianFixtureSchedule();
    GaussianFixtureTarget t = new GaussianFixtureTarget(2, 0.0, 1.0, 0.0);
    for (PathSampler s : new PathSampler[] {
        new BridgeSampler(BridgeSampler.Params.defaults()), new LangevinSampler(LangevinSampler.Params.defaults())}) {
      try (GraphHarness h = new GraphHarness()) {
        SimulationRequest req =
            new SimulationRequest(sde, t, 4, 10, new SimulationRequirements(false, true, 1), h.noise(3), false);
        assertThat(s.targetPathRnd(h.ctx(), req, h.input(new double[4][2]))).as(s.id()).isEmpty();
      }
    }
  }

  private static double logNormal(double x, double mean, double std) {
    double z = (x - mean) / std;
    return -0.5 * z * z - Math.log(std) - 0.5 * Math.log(2 * Math.PI);
  }
}
