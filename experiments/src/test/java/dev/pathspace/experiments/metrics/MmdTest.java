package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Unbiased MMD² with RBF kernel. */
class MmdTest {
  private final Mmd mmd = new Mmd(Mmd.defaults());

  @Test
  void closedFormOnTwoPoints() {
    // x = {0, 0}, y = {1, 1} in 1-D, h² = 1: k_xx = k_yy = 1 (off-diagonal), k_xy = exp(-1/2)
    double[][] x = {{0}, {0}};
    double[][] y = {{1}, {1}};
    assertThat(Mmd.compute(x, y, 1.0)).isCloseTo(2 - 2 * Math.exp(-0.5), within(1e-15));
  }

  @Test
  void sameLawIsNearZeroAndShiftIncreasesIt() {
    // n = 500 per side: the unbiased estimate under H0 has sd of order 1/n (~ 0.002-0.005 for this kernel)
    double[][] x = GaussTarget.sample(new double[] {0, 0}, 1.0, 500, 21);
    double[][] y = GaussTarget.sample(new double[] {0, 0}, 1.0, 500, 22);
    double same = mmd.compute(x, y);
    double prev = same;
    System.out.printf("MMD same law: %.5f%n", same);
    assertThat(Math.abs(same)).isLessThan(0.01);
    for (double shift : new double[] {0.5, 1.0, 2.0}) {
      double v = mmd.compute(x, GaussTarget.sample(new double[] {shift, 0}, 1.0, 500, 23));
      System.out.printf("MMD shift %.1f: %.5f%n", shift, v);
      assertThat(v).isGreaterThan(prev).isGreaterThan(0.03);
      prev = v;
    }
  }
}
