package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** log Z estimators against exact values. */
class LogZEstimatesTest {

  @Test
  void logMeanExpIsExactOnSmallArrays() {
    double[] v = {Math.log(1), Math.log(2), Math.log(3)};
    assertThat(LogZEstimates.logMeanExp(v)).isCloseTo(Math.log(2), within(1e-15));
    double[] big = {1000 + Math.log(1), 1000 + Math.log(2), 1000 + Math.log(3)};
    assertThat(LogZEstimates.logMeanExp(big)).isCloseTo(1000 + Math.log(2), within(1e-12));
    double[] small = {-1000 + Math.log(1), -1000 + Math.log(2), -1000 + Math.log(3)};
    assertThat(LogZEstimates.logMeanExp(small)).isCloseTo(-1000 + Math.log(2), within(1e-12));
    assertThat(LogZEstimates.logMeanExp(new double[0])).isNaN();
  }

  @Test
  void estimatesFromKnownRnds() {
    // rnd (Itô) = (1, 2, 3) -> log w = (-1, -2, -3); rnd (no Itô) = (0.5, 1.5, 2.5)
    LogZEstimates.Result r =
        LogZEstimates.compute(new double[] {1, 2, 3}, new double[] {0.5, 1.5, 2.5});
    assertThat(r.logZLbIto()).isCloseTo(-2.0, within(1e-15));
    assertThat(r.logZLb()).isCloseTo(-1.5, within(1e-15));
    double is = Math.log((Math.exp(-1) + Math.exp(-2) + Math.exp(-3)) / 3);
    assertThat(r.logZIs()).isCloseTo(is, within(1e-15));
    assertThat(r.logWStd()).isCloseTo(1.0, within(1e-15));
    assertThat(r.nEval()).isEqualTo(3);
    assertThat(r.nNonFinite()).isZero();
  }

  @Test
  void constantRndGivesExactLogZ() {
    // perfect sampler: rnd = -log Z for every trajectory -> all three estimators equal log Z, std 0
    double logZ = 1.7;
    double[] rnd = new double[50];
    java.util.Arrays.fill(rnd, -logZ);
    LogZEstimates.Result r = LogZEstimates.compute(rnd, rnd);
    assertThat(r.logZIs()).isCloseTo(logZ, within(1e-14));
    assertThat(r.logZLb()).isCloseTo(logZ, within(1e-14));
    assertThat(r.logZLbIto()).isCloseTo(logZ, within(1e-14));
    assertThat(r.logWStd()).isCloseTo(0.0, within(1e-14));
  }

  @Test
  void nonFiniteTrajectoriesAreCountedAndExcluded() {
    double[] rnd = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 2};
    double[] noIto = {1, 1, Double.NEGATIVE_INFINITY, 1, 2};
    LogZEstimates.Result r = LogZEstimates.compute(rnd, noIto);
    // valid trajectories: 0 and 4
    assertThat(r.nNonFinite()).isEqualTo(3);
    assertThat(r.logWeights()).containsExactly(-1.0, -2.0);
    assertThat(r.logZLbIto()).isCloseTo(-1.5, within(1e-15));
    assertThat(r.logZLb()).isCloseTo(-1.5, within(1e-15));
  }
}
