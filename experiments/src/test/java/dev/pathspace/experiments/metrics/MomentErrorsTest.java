package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Moments;
import org.junit.jupiter.api.Test;

/** Moment errors on exact arrays. */
class MomentErrorsTest {

  @Test
  void exactArrays() {
    double[][] x = {{0, 0}, {2, 4}, {Double.NaN, 1}};
    Moments truth = new Moments(new double[] {0, 0}, new double[] {1, 1});
    // finite rows {0,0},{2,4}: mean (1, 2); unbiased std (sqrt 2, 2 sqrt 2)
    // IS weights w = (1, 3) (third row skipped): mean (1.5, 3); var = Σw(x-μ)²/Σw = (0.75, 3)
    double[] logW = {0.0, Math.log(3), 5.0};
    MomentErrors.Result r = MomentErrors.compute(x, logW, truth);
    assertThat(r.used()).isEqualTo(2);
    assertThat(r.sampleMean()).containsExactly(new double[] {1, 2}, within(1e-15));
    assertThat(r.sampleStd()).containsExactly(new double[] {Math.sqrt(2), 2 * Math.sqrt(2)}, within(1e-15));
    assertThat(r.meanError()).isCloseTo(1.5, within(1e-15));
    assertThat(r.stdError()).isCloseTo((Math.sqrt(2) - 1 + 2 * Math.sqrt(2) - 1) / 2, within(1e-15));
    assertThat(r.meanErrorIs()).isCloseTo((1.5 + 3) / 2, within(1e-14));
    assertThat(r.stdErrorIs()).isCloseTo((Math.abs(Math.sqrt(0.75) - 1) + Math.sqrt(3) - 1) / 2, within(1e-14));
  }

  @Test
  void exactMomentsGiveZeroError() {
    // symmetric 4-point set with mean (1, -1) and unbiased std (sqrt(4/3), 0)
    double[][] x = {{0, -1}, {2, -1}, {0, -1}, {2, -1}};
    Moments truth = new Moments(new double[] {1, -1}, new double[] {Math.sqrt(4.0 / 3), 0});
    MomentErrors.Result r = MomentErrors.compute(x, null, truth);
    assertThat(r.meanError()).isCloseTo(0.0, within(1e-15));
    assertThat(r.stdError()).isCloseTo(0.0, within(1e-15));
    assertThat(r.meanErrorIs()).isNaN();
  }
}
