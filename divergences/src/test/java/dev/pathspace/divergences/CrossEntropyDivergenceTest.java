package dev.pathspace.divergences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.numeric.LogSpace;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.PathDivergenceContract;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

class CrossEntropyDivergenceTest extends PathDivergenceContract {
  @Override
  protected PathDivergence create() {
    return new CrossEntropyDivergence(CrossEntropyDivergence.Params.defaults());
  }

  @Override
  protected String expectedId() {
    return "cross-entropy";
  }

  /** Uniform weights: −mean(rnd) = −r. */
  @Override
  protected double lossOnConstant(double rnd) {
    return -rnd;
  }

  /** d/ds [−Σ w̄_i rnd_i(s)] with w̄ = softmax(−rnd) held fixed = −Σ w̄_i dRnd_i. */
  @Override
  protected OptionalDouble surrogateGradient(double[] rnd, double[] dRnd) {
    double[] minus = new double[rnd.length];
    for (int i = 0; i < rnd.length; i++) {
      minus[i] = -rnd[i];
    }
    double[] w = LogSpace.normalisedWeights(minus);
    double g = 0;
    for (int i = 0; i < w.length; i++) {
      g -= w[i] * dRnd[i];
    }
    return OptionalDouble.of(g);
  }

  @Test
  void isOffPolicy() {
    assertThat(create().requirements()).isEqualTo(SimulationRequirements.offPolicy());
  }

  @Test
  void selfNormalisedEstimateAndEssOnAKnownBatch() {
    double[] rnd = {0.5, -1.0, 2.0, 0.0};
    double[] minus = {-0.5, 1.0, -2.0, 0.0};
    double[] w = LogSpace.normalisedWeights(minus);
    double expected = 0;
    double sq = 0;
    for (int i = 0; i < 4; i++) {
      expected -= w[i] * rnd[i];
      sq += w[i] * w[i];
    }
    try (GraphHarness h = new GraphHarness()) {
      DivergenceOutput out = create().loss(h.ctx(), Batches.of(h, rnd));
      List<double[]> v = Batches.eval(h, List.of(out.loss(), out.diagnostics().get("log_z_ce"),
          out.diagnostics().get("ce_ess"), out.diagnostics().get("n_filtered")));
      assertThat(v.get(0)[0]).isCloseTo(expected, within(1e-13));
      assertThat(v.get(1)[0]).isCloseTo(expected, within(1e-13));
      assertThat(v.get(2)[0]).isCloseTo(1 / (4 * sq), within(1e-13));
      assertThat(v.get(3)[0]).isZero();
    }
  }

  @Test
  void nonFiniteEntriesGetZeroWeightAndZeroGradient() {
    double[] rnd = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2};
    double[] w = LogSpace.normalisedWeights(new double[] {-1, -3, -2});
    try (GraphHarness h = new GraphHarness()) {
      Operand<TFloating> x = h.ctx().trainable("test/rnd", rnd, new long[] {rnd.length});
      DivergenceOutput out = create().loss(h.ctx(), Batches.of(h, x, rnd.length));
      Operand<?> grad = h.ctx().tf().gradients(out.loss(), List.of(x)).dy(0);
      List<double[]> v = Batches.eval(h, List.of(out.loss(), out.diagnostics().get("n_filtered"), grad));
      assertThat(v.get(0)[0]).isCloseTo(-(w[0] * 1 + w[1] * 3 + w[2] * 2), within(1e-13));
      assertThat(v.get(1)[0]).isEqualTo(3.0);
      assertThat(v.get(2)).containsExactly(new double[] {-w[0], 0, -w[1], 0, 0, -w[2]}, within(1e-13));
    }
  }

  /**
   * A log-normal weight model with a known answer: under the sampler rnd = −log Z + ε, ε ~ N(s²/2, s²)
   * (the mean s²/2 makes E[dP_target/dP_model] = E[exp(−ε)] = 1, so it is a consistent pair of measures
   * with KL(P_model ‖ P_target) = s²/2). Tilting by exp(−ε) gives ε ~ N(−s²/2, s²) under the target, so
   * the loss → E_target[−rnd] = log Z + s²/2 = log Z + KL(P_target ‖ P_model) (the EUBO), above log Z.
   */
  @Test
  void convergesToTheEuboOnALognormalWeightModel() {
    double logZ = 0.7;
    double s = 0.3;
    Random r = new Random(5);
    double[] rnd = new double[200_000];
    for (int i = 0; i < rnd.length; i++) {
      rnd[i] = -logZ + s * s / 2 + s * r.nextGaussian();
    }
    try (GraphHarness h = new GraphHarness()) {
      double loss = Batches.scalar(h, create().loss(h.ctx(), Batches.of(h, rnd)).loss());
      assertThat(loss).isCloseTo(logZ + s * s / 2, within(0.005));
      assertThat(loss).isGreaterThan(logZ);
    }
  }
}
