package dev.pathspace.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pathspace.api.Domain;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import dev.pathspace.api.numeric.LogSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Contract every {@link Target} test extends (JUnit 5, float64 graphs): the score equals central finite
 * differences of the log density; the log density is finite in the domain; for d ≤ 2 the normaliser
 * equals tensor-grid quadrature of ρ over the domain and the ground-truth sampler's mean and std equal
 * the quadrature moments; for any d the sampler's moments equal the declared {@link Target#moments()};
 * the ground-truth sampler is reproducible and its samples lie in the domain. Checks that do not apply
 * (no ground truth, unknown log Z) are reported as skipped with the reason.
 */
public abstract class TargetContract {
  /** The target under test (its default parameters, or those under test). */
  protected abstract Target create();

  /** Finite-difference step for the score check. */
  protected double fdStep() {
    return 1e-5;
  }

  /** Tolerance of the score check, relative to 1 + |finite difference|. */
  protected double scoreTolerance() {
    return 1e-5;
  }

  /** Relative tolerance of |Z_quadrature / Z − 1| (d ≤ 2). */
  protected double normalisationTolerance() {
    return 2e-3;
  }

  /** Quadrature points per axis (d ≤ 2; midpoint rule on the domain). */
  protected int quadraturePoints() {
    return create().dim() == 1 ? 20001 : 801;
  }

  /** Number of ground-truth samples drawn for the moment checks. */
  protected int sampleCount() {
    return 20000;
  }

  /**
   * The largest fraction of ground-truth samples allowed outside {@link Target#domain()} (default 1 %).
   * A heavy-tailed target whose plotting box deliberately cuts the tails overrides it, with the reason.
   */
  protected double maxFractionOutsideDomain() {
    return 0.01;
  }

  /** Points where the score is checked: ground-truth samples if available, else uniform in the domain. */
  protected double[][] probePoints() {
    Target t = create();
    int n = 8;
    if (t.groundTruth().isPresent()) {
      return t.groundTruth().get().sample(n, 11);
    }
    Domain dom = t.domain();
    SplittableRandom r = new SplittableRandom(11);
    double[][] x = new double[n][t.dim()];
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        // the central half of the domain: away from edges where some densities are cut
        double lo = dom.lower()[j];
        double hi = dom.upper()[j];
        row[j] = lo + (hi - lo) * (0.25 + 0.5 * r.nextDouble());
      }
    }
    return x;
  }

  /** Coordinates whose partial derivatives are checked (all for d ≤ 12, else 12 spread over 0..d−1). */
  protected int[] scoreCoordinates() {
    int d = create().dim();
    if (d <= 12) {
      int[] all = new int[d];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] some = new int[12];
    Arrays.setAll(some, i -> (int) Math.round(i * (d - 1) / 11.0));
    return some;
  }

  @Test
  void idAndDimensionAreDeclared() {
    Target t = create();
    assertThat(t.id()).isNotBlank();
    assertThat(t.dim()).isPositive();
    assertThat(t.domain().lower()).hasSize(t.dim());
    for (int j = 0; j < t.dim(); j++) {
      assertThat(t.domain().upper()[j]).as("domain upper > lower in dim " + j).isGreaterThan(t.domain().lower()[j]);
    }
  }

  @Test
  void scoreMatchesFiniteDifferencesOfTheLogDensity() {
    Target t = create();
    double[][] x = probePoints();
    int[] coords = scoreCoordinates();
    double eps = fdStep();
    List<double[]> shifted = new ArrayList<>();
    for (double[] p : x) {
      for (int j : coords) {
        double[] plus = p.clone();
        double[] minus = p.clone();
        plus[j] += eps;
        minus[j] -= eps;
        shifted.add(plus);
        shifted.add(minus);
      }
    }
    try (GraphHarness h = new GraphHarness()) {
      List<double[]> out = h.evalAll(List.of(
          t.score(h.ctx(), h.input(x)), t.logDensity(h.ctx(), h.input(shifted.toArray(double[][]::new)))));
      double[] score = out.get(0);
      double[] lp = out.get(1);
      assertThat(score).hasSize(x.length * t.dim());
      int k = 0;
      for (int i = 0; i < x.length; i++) {
        for (int j : coords) {
          double fd = (lp[2 * k] - lp[2 * k + 1]) / (2 * eps);
          double s = score[i * t.dim() + j];
          assertThat(s).as("%s: d log ρ / dx_%d at point %d", t.id(), j, i)
              .isCloseTo(fd, within(scoreTolerance() * (1 + Math.abs(fd))));
          k++;
        }
      }
    }
  }

  @Test
  void logDensityIsFiniteInsideTheDomain() {
    Target t = create();
    double[][] x = probePoints();
    try (GraphHarness h = new GraphHarness()) {
      double[] lp = h.eval(t.logDensity(h.ctx(), h.input(x)));
      assertThat(lp).hasSize(x.length);
      for (double v : lp) {
        assertThat(Double.isFinite(v)).as(t.id() + ": log ρ finite, got " + v).isTrue();
      }
    }
  }

  @Test
  void normalisationMatchesQuadrature() {
    Target t = create();
    assumeTrue(t.dim() <= 2, "quadrature check only for d <= 2");
    assumeTrue(t.logZ().isPresent(), "log Z unknown");
    Quadrature q = quadrature(t);
    assertThat(q.logZ).as(t.id() + ": log Z by quadrature vs declared")
        .isCloseTo(t.logZ().getAsDouble(), within(normalisationTolerance()));
  }

  @Test
  void groundTruthSamplerMatchesTheDensity() {
    Target t = create();
    assumeTrue(t.groundTruth().isPresent(), "no ground-truth sampler");
    assumeTrue(t.dim() <= 2, "density check by quadrature only for d <= 2 (the moment check covers d > 2)");
    Quadrature q = quadrature(t);
    double[][] s = t.groundTruth().get().sample(sampleCount(), 3);
    assertMomentsWithinStandardErrors(t.id(), s, new Moments(q.mean, q.std));
  }

  @Test
  void groundTruthSamplerMatchesTheDeclaredMoments() {
    Target t = create();
    assumeTrue(t.groundTruth().isPresent(), "no ground-truth sampler");
    assumeTrue(t.moments().isPresent(), "no declared moments");
    double[][] s = t.groundTruth().get().sample(sampleCount(), 4);
    assertMomentsWithinStandardErrors(t.id(), s, t.moments().get());
  }

  @Test
  void declaredMomentsMatchQuadrature() {
    Target t = create();
    assumeTrue(t.dim() <= 2, "quadrature check only for d <= 2");
    assumeTrue(t.moments().isPresent(), "no declared moments");
    Quadrature q = quadrature(t);
    for (int j = 0; j < t.dim(); j++) {
      double scale = 1 + Math.abs(q.std[j]);
      assertThat(t.moments().get().mean()[j]).as(t.id() + ": mean of dim " + j).isCloseTo(q.mean[j], within(1e-3 * scale));
      assertThat(t.moments().get().std()[j]).as(t.id() + ": std of dim " + j).isCloseTo(q.std[j], within(1e-3 * scale));
    }
  }

  @Test
  void groundTruthIsReproducibleAndInsideTheDomain() {
    Target t = create();
    assumeTrue(t.groundTruth().isPresent(), "no ground-truth sampler");
    GroundTruthSampler g = t.groundTruth().get();
    double[][] a = g.sample(2000, 7);
    double[][] b = g.sample(2000, 7);
    double[][] c = g.sample(2000, 8);
    assertThat(a).isDeepEqualTo(b);
    assertThat(Arrays.deepEquals(a, c)).as("different seeds give different samples").isFalse();
    Domain dom = t.domain();
    int outside = 0;
    for (double[] x : a) {
      assertThat(x).hasSize(t.dim());
      for (int j = 0; j < x.length; j++) {
        if (x[j] < dom.lower()[j] || x[j] > dom.upper()[j]) {
          outside++;
          break;
        }
      }
    }
    assertThat(outside / (double) a.length).as(t.id() + ": fraction of samples outside the domain")
        .isLessThanOrEqualTo(maxFractionOutsideDomain());
  }

  /** Mean and std of each coordinate within 5 standard errors (delta method for the std). */
  protected static void assertMomentsWithinStandardErrors(String id, double[][] samples, Moments m) {
    int n = samples.length;
    for (int j = 0; j < samples[0].length; j++) {
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
      assertThat(mean).as(id + ": sample mean of dim " + j).isCloseTo(m.mean()[j], within(5 * seMean + 1e-12));
      assertThat(sd).as(id + ": sample std of dim " + j).isCloseTo(m.std()[j], within(5 * seStd + 1e-12));
    }
  }

  /** log Z, mean and std of ρ by the midpoint rule on the domain (d ≤ 2), in log space. */
  private Quadrature quadrature(Target t) {
    int d = t.dim();
    int n = quadraturePoints();
    Domain dom = t.domain();
    double[] h = new double[d];
    for (int j = 0; j < d; j++) {
      h[j] = (dom.upper()[j] - dom.lower()[j]) / n;
    }
    int total = d == 1 ? n : n * n;
    double[][] x = new double[total][d];
    for (int i = 0; i < total; i++) {
      int i0 = i % n;
      x[i][0] = dom.lower()[0] + (i0 + 0.5) * h[0];
      if (d == 2) {
        x[i][1] = dom.lower()[1] + (i / n + 0.5) * h[1];
      }
    }
    double[] lp;
    try (GraphHarness g = new GraphHarness()) {
      lp = g.eval(t.logDensity(g.ctx(), g.input(x)));
    }
    double cell = d == 1 ? h[0] : h[0] * h[1];
    double logZ = LogSpace.logSumExp(lp) + Math.log(cell);
    double[] w = LogSpace.normalisedWeights(lp);
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (int i = 0; i < total; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += w[i] * x[i][j];
        sq[j] += w[i] * x[i][j] * x[i][j];
      }
    }
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(Math.max(sq[j] - mean[j] * mean[j], 0));
    }
    return new Quadrature(logZ, mean, std);
  }

  private record Quadrature(double logZ, double[] mean, double[] std) {}
}
