package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.Stats;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

class LangevinSamplerTest {
  private static final GaussianFixtureTarget TARGET = new GaussianFixtureTarget(2, 1.0, 0.7, 0.7);

  private static List<double[]> run(LangevinSampler.Params p, int steps, int batch) {
    try (GraphHarness h = new GraphHarness()) {
      RndTerms t = new LangevinSampler(p).simulate(h.ctx(), new SimulationRequest(new VpFixtureSchedule(),
          TARGET, batch, steps, SimulationRequirements.reparameterised(), h.noise(1), false));
      return h.evalAll(List.of(t.logRnd(h.ctx().tf()), t.samples()));
    }
  }

  private static double logMeanExp(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    double s = 0;
    for (double x : v) {
      s += Math.exp(x - m);
    }
    return m + Math.log(s / v.length);
  }

  @Test
  void annealedImportanceSamplingEstimatesLogZ() {
    // N = 200 annealing steps of ULA with Δt = 0.05 from N(0, I) to N(1, 0.49 I)·e^0.7
    List<double[]> out = run(new LangevinSampler.Params(0.05, 1.0, 1.0, 1e5, true), 200, 2000);
    double[] rnd = out.get(0);
    double[] logW = new double[rnd.length];
    for (int i = 0; i < rnd.length; i++) {
      logW[i] = -rnd[i];
    }
    double logZ = logMeanExp(logW);
    assertThat(logZ).isCloseTo(0.7, within(0.1));
    // the ELBO-type estimate mean(log w) lies below (Jensen; measured ≈ 0.29)
    assertThat(Stats.mean(logW)).isLessThan(logZ);
    System.out.printf("AIS log Z = %.4f (true 0.7), mean log w = %.4f%n", logZ, Stats.mean(logW));
    // AIS particles lag the annealing path (unweighted mean ≈ 0.93 here): the target's moments are the
    // importance-weighted ones (self-normalised weights w ∝ exp(−rnd)); MC error ≈ 0.7/√4000 ≈ 0.011
    double[] x = out.get(1);
    double[] w = dev.pathspace.api.numeric.LogSpace.normalisedWeights(logW);
    int d = x.length / w.length;
    double m = 0;
    double sq = 0;
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < d; j++) {
        m += w[i] * x[i * d + j] / d;
        sq += w[i] * x[i * d + j] * x[i * d + j] / d;
      }
    }
    assertThat(m).as("IS-weighted mean").isCloseTo(1.0, within(0.06));
    assertThat(Math.sqrt(sq - m * m)).as("IS-weighted std").isCloseTo(0.7, within(0.05));
  }

  @Test
  void plainUlaHasUndefinedRndButSamplesTheTarget() {
    List<double[]> out = run(new LangevinSampler.Params(0.05, 1.0, 1.0, 1e5, false), 200, 2000);
    assertThat(java.util.Arrays.stream(out.get(0)).allMatch(Double::isNaN)).isTrue();
    assertThat(Stats.mean(out.get(1))).isCloseTo(1.0, within(0.06));
  }

  @Test
  void isAnUntrainedBaselineWithoutFixedControls() {
    PathSampler l = new LangevinSampler(LangevinSampler.Params.defaults());
    assertThat(l.trainable()).isFalse();
    assertThat(l.withControl((g, s, x) -> x)).isEmpty();
    assertThat(l.id()).isEqualTo("langevin");
    assertThatThrownBy(() -> new LangevinSampler.Params(0, 1, 1, 1, true)).hasMessageContaining("stepSize");
    assertThatThrownBy(() -> new LangevinSampler.Params(0.1, 1, -1, 1, true))
        .hasMessageContaining("priorScale");
  }
}
