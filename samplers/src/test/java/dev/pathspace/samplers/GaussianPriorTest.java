package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.Stats;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The truncated Gaussian prior (the reference's {@code gauss_truncate}, {@code truncate_quartile: 1e-4})
 * against the known moments of the normal truncated to [−c, c], c = Φ⁻¹(1 − q/2): mean 0 and variance
 * 1 − 2cφ(c)/(1 − q) in standard units.
 */
class GaussianPriorTest {
  private static final NormalDistribution STD = new NormalDistribution();
  private static final int N = 200_000;

  private static double[] samples(GaussianPrior prior) {
    try (GraphHarness h = new GraphHarness()) {
      return h.eval(prior.sample(h.ctx(), h.noise(7), N / prior.dim()));
    }
  }

  private static double truncatedVariance(double q) {
    double c = STD.inverseCumulativeProbability(1 - q / 2);
    return 1 - 2 * c * STD.density(c) / (1 - q);
  }

  @Test
  void halfMassTruncationHasTheTruncatedNormalMoments() {
    double q = 0.5;
    double c = STD.inverseCumulativeProbability(1 - q / 2); // 0.674
    double[] x = samples(new GaussianPrior(2, 1.0, 2.0, q));
    double var = 4 * truncatedVariance(q); // 4 · 0.1426
    assertThat(Stats.mean(x)).isCloseTo(1.0, within(0.01));
    assertThat(Stats.variance(x)).isCloseTo(var, within(0.01 * var));
    double lo = Arrays.stream(x).min().orElseThrow();
    double hi = Arrays.stream(x).max().orElseThrow();
    assertThat(lo).isGreaterThanOrEqualTo(1 - 2 * c - 1e-9).isLessThan(1 - 2 * c + 0.01);
    assertThat(hi).isLessThanOrEqualTo(1 + 2 * c + 1e-9).isGreaterThan(1 + 2 * c - 0.01);
  }

  @Test
  void referenceQuantileCutsTheTailsAtTheRightPoint() {
    double q = 1e-4;
    double c = STD.inverseCumulativeProbability(1 - q / 2); // 3.8906
    double[] x = samples(new GaussianPrior(1, 0.0, 1.0, q));
    double max = Arrays.stream(x).map(Math::abs).max().orElseThrow();
    assertThat(max).isLessThanOrEqualTo(c + 1e-9);
    // P(|z| > 3.75 | truncated) ≈ 7.7e-5: about 15 of 200 000 samples lie in (3.75, c]
    assertThat(Arrays.stream(x).filter(v -> Math.abs(v) > 3.75).count()).isBetween(3L, 40L);
    assertThat(Stats.variance(x)).isCloseTo(truncatedVariance(q), within(0.01));
    assertThat(Stats.mean(x)).isCloseTo(0.0, within(0.01));
  }

  @Test
  void untruncatedPriorIsUnchangedAndBadTruncationIsNamed() {
    double[] a = samples(new GaussianPrior(2, 0.5, 1.5));
    double[] b = samples(new GaussianPrior(2, 0.5, 1.5, 0.0));
    assertThat(b).containsExactly(a);
    assertThat(Stats.variance(a)).isCloseTo(2.25, within(0.03));
    assertThatThrownBy(() -> new GaussianPrior(2, 0, 1, 1.0)).hasMessageContaining("truncation");
    assertThatThrownBy(() -> new DisSampler.Params(8, 2, dev.pathspace.samplers.nn.Activation.TANH, 8, 1,
        Parameterisation.LERP, 1, 1, 0, -0.1)).hasMessageContaining("priorTruncation");
  }
}
