package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import dev.pathspace.testkit.GraphHarness;
import java.util.List;

/** Shared checks for target tests (float64 graphs). */
final class TargetAsserts {
  private TargetAsserts() {}

  /** log ρ at the given points. */
  static double[] logDensity(Target t, double[][] x) {
    try (GraphHarness h = new GraphHarness()) {
      return h.eval(t.logDensity(h.ctx(), h.input(x)));
    }
  }

  /**
   * Asserts that the closed-form score equals central finite differences (step {@code eps}) of the TF
   * log density at every point, to {@code tol·(1 + |score|)}.
   */
  static void scoreMatchesFiniteDifferences(Target t, double[][] x, double eps, double tol) {
    int n = x.length;
    int d = x[0].length;
    double[][] shifted = new double[2 * n * d][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double[] plus = x[i].clone();
        double[] minus = x[i].clone();
        plus[j] += eps;
        minus[j] -= eps;
        shifted[2 * (i * d + j)] = plus;
        shifted[2 * (i * d + j) + 1] = minus;
      }
    }
    try (GraphHarness h = new GraphHarness()) {
      List<double[]> out =
          h.evalAll(List.of(t.score(h.ctx(), h.input(x)), t.logDensity(h.ctx(), h.input(shifted))));
      double[] score = out.get(0);
      double[] lp = out.get(1);
      assertThat(score).hasSize(n * d);
      for (int k = 0; k < n * d; k++) {
        double fd = (lp[2 * k] - lp[2 * k + 1]) / (2 * eps);
        assertThat(score[k])
            .as("score component %d (point %d, dim %d)", k, k / d, k % d)
            .isCloseTo(fd, within(tol * (1 + Math.abs(fd))));
      }
    }
  }

  /**
   * Asserts that sample means and stds of {@code n} exact samples match {@code moments} within 5
   * standard errors: SE(mean) = s/√n, SE(std) ≈ sd((x − x̄)²)/(2 s √n) (delta method), both estimated
   * from the sample itself. With ~2·d independent comparisons the false-failure rate is &lt; 1e-5.
   */
  static void samplesMatchMoments(double[][] samples, Moments m) {
    int n = samples.length;
    int d = samples[0].length;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (double[] s : samples) {
        mean += s[j];
      }
      mean /= n;
      double m2 = 0;
      double m4 = 0;
      for (double[] s : samples) {
        double c = (s[j] - mean) * (s[j] - mean);
        m2 += c;
        m4 += c * c;
      }
      m2 /= n;
      m4 /= n;
      double sd = Math.sqrt(m2);
      double seMean = sd / Math.sqrt(n);
      double seStd = Math.sqrt(Math.max(m4 - m2 * m2, 0)) / (2 * sd * Math.sqrt(n));
      assertThat(mean).as("mean of dim %d", j).isCloseTo(m.mean()[j], within(5 * seMean));
      assertThat(sd).as("std of dim %d", j).isCloseTo(m.std()[j], within(5 * seStd));
    }
  }

  static double[] col(double[][] s, int j) {
    double[] c = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      c[i] = s[i][j];
    }
    return c;
  }
}
