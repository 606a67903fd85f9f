package dev.pathspace.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Contract every {@link SdeSchedule} test extends (JUnit 5). Checks, against independent composite-Simpson
 * quadrature of {@code driftCoeff} and {@code diffusion} (docs/math.md §1): positivity of σ on the grid, the
 * grid shape, {@code integratedDrift}, the Gaussian transitions of both time directions (mean factor
 * {@code exp(±∫c)} and variance {@code ∫ exp(2∫_r^{end} drift) σ² dr}, relative 1e-6), the composition
 * (Chapman–Kolmogorov) of transitions and, where a stationary law exists, its invariance.
 */
public abstract class SdeScheduleContract {
  /** Relative tolerance of quadrature comparisons. */
  protected static final double QUAD_TOL = 1e-6;

  /** A fresh schedule with the parameters under test. */
  protected abstract SdeSchedule create();

  /** Step counts for which the grid is checked. */
  protected int[] stepCounts() {
    return new int[] {1, 7, 64, 256};
  }

  /** Pairs of times (as fractions of T) at which integrals and transitions are compared. */
  protected double[][] intervals() {
    return new double[][] {{0, 1}, {0.1, 0.7}, {0.3, 0.95}, {0.9, 1}, {0, 0.02}, {0.5, 0.5001}};
  }

  /** Composite Simpson rule with {@code n} (made even) panels. */
  protected static double simpson(DoubleUnaryOperator f, double a, double b, int n) {
    int m = n % 2 == 0 ? n : n + 1;
    double h = (b - a) / m;
    double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
    for (int i = 1; i < m; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
    }
    return sum * h / 3;
  }

  /**
   * Numerical transition of {@code dZ = k(q) Z dq + g(q) dW} from q0 to q1: the mean factor
   * exp(∫k) and the variance ∫ exp(2∫_r^{q1} k) g(r)² dr, both by nested Simpson (outer 20000 panels; the
   * inner integral accumulated backwards from q1 panel by panel with 8 Simpson sub-panels each).
   */
  protected static Transition numericalTransition(
      DoubleUnaryOperator k, DoubleUnaryOperator g, double q0, double q1) {
    int n = 20000;
    double h = (q1 - q0) / n;
    double[] inner = new double[n + 1]; // inner[j] = ∫_{r_j}^{q1} k
    for (int j = n - 1; j >= 0; j--) {
      double a = q0 + j * h;
      inner[j] = inner[j + 1] + simpson(k, a, a + h, 8);
    }
    double sum = 0;
    for (int j = 0; j <= n; j++) {
      double r = q0 + j * h;
      double gv = g.applyAsDouble(r);
      double f = Math.exp(2 * inner[j]) * gv * gv;
      sum += (j == 0 || j == n ? 1 : (j % 2 == 1 ? 4 : 2)) * f;
    }
    return new Transition(Math.exp(inner[0]), sum * h / 3);
  }

  private static void assertRel(double actual, double expected, double rel, String what) {
    assertThat(actual).as(what).isCloseTo(expected, within(rel * Math.abs(expected) + 1e-14));
  }

  @Test
  void diffusionIsPositiveOnTheGrid() {
    SdeSchedule s = create();
    for (int n : stepCounts()) {
      TimeGrid grid = s.grid(n);
      for (int k = 0; k <= n; k++) {
        assertThat(s.diffusion(grid.time(k))).as("σ(%s)", grid.time(k)).isPositive();
      }
    }
  }

  @Test
  void gridIsStrictlyIncreasingFromZeroToT() {
    SdeSchedule s = create();
    double t = s.terminalTime();
    for (int n : stepCounts()) {
      TimeGrid grid = s.grid(n);
      assertThat(grid.steps()).isEqualTo(n);
      assertThat(grid.time(0)).isEqualTo(0.0);
      assertThat(grid.time(n)).isCloseTo(t, within(1e-12 * t));
      for (int k = 0; k < n; k++) {
        assertThat(grid.dt(k)).as("dt(%d) of %d", k, n).isPositive();
      }
    }
  }

  @Test
  void integratedDriftMatchesQuadrature() {
    SdeSchedule s = create();
    double t = s.terminalTime();
    for (double[] iv : intervals()) {
      double a = iv[0] * t;
      double b = iv[1] * t;
      double expected = simpson(s::driftCoeff, a, b, 20000);
      assertRel(s.integratedDrift(a, b), expected, QUAD_TOL, "∫c on [" + a + ", " + b + "]");
    }
  }

  @Test
  void noisingTransitionMatchesQuadrature() {
    SdeSchedule s = create();
    double t = s.terminalTime();
    for (double[] iv : intervals()) {
      double t0 = iv[0] * t;
      double t1 = iv[1] * t;
      Transition num =
          numericalTransition(q -> -s.driftCoeff(t - q), q -> s.diffusion(t - q), t0, t1);
      Transition tr = s.noisingTransition(t0, t1);
      assertRel(tr.meanScale(), num.meanScale(), QUAD_TOL, "noising mean factor on [" + t0 + ", " + t1 + "]");
      assertRel(tr.variance(), num.variance(), QUAD_TOL, "noising variance on [" + t0 + ", " + t1 + "]");
    }
  }

  @Test
  void generativeTransitionMatchesQuadrature() {
    SdeSchedule s = create();
    double t = s.terminalTime();
    for (double[] iv : intervals()) {
      double s0 = iv[0] * t;
      double s1 = iv[1] * t;
      Transition num = numericalTransition(s::driftCoeff, s::diffusion, s0, s1);
      Transition tr = s.generativeTransition(s0, s1);
      assertRel(tr.meanScale(), num.meanScale(), QUAD_TOL, "generative mean factor on [" + s0 + ", " + s1 + "]");
      assertRel(tr.variance(), num.variance(), QUAD_TOL, "generative variance on [" + s0 + ", " + s1 + "]");
    }
  }

  @Test
  void transitionsCompose() {
    SdeSchedule s = create();
    double t = s.terminalTime();
    double[][] triples = {{0, 0.4, 1}, {0.2, 0.5, 0.9}, {0, 0.99, 1}};
    for (double[] tr : triples) {
      double a = tr[0] * t;
      double m = tr[1] * t;
      double b = tr[2] * t;
      checkComposition(s.noisingTransition(a, b), s.noisingTransition(a, m), s.noisingTransition(m, b), "noising");
      checkComposition(
          s.generativeTransition(a, b), s.generativeTransition(a, m), s.generativeTransition(m, b), "generative");
    }
  }

  private static void checkComposition(Transition whole, Transition first, Transition second, String what) {
    assertRel(whole.meanScale(), first.meanScale() * second.meanScale(), 1e-9, what + " mean factor composition");
    double var = second.meanScale() * second.meanScale() * first.variance() + second.variance();
    assertRel(whole.variance(), var, 1e-9, what + " variance composition");
  }

  @Test
  void stationaryLawIsInvariantUnderTheNoisingTransition() {
    SdeSchedule s = create();
    if (s.stationaryStd().isEmpty()) {
      assertThat(s.driftFree() || s.stationaryStd().isEmpty()).isTrue();
      return;
    }
    double std = s.stationaryStd().getAsDouble();
    Transition tr = s.noisingTransition(0, s.terminalTime());
    double var = tr.meanScale() * tr.meanScale() * std * std + tr.variance();
    assertRel(var, std * std, 1e-9, "stationary variance after noising 0 → T");
  }

  @Test
  void driftFreeMeansZeroDrift() {
    SdeSchedule s = create();
    if (s.driftFree()) {
      for (double q : new double[] {0, 0.3, 1}) {
        assertThat(s.driftCoeff(q * s.terminalTime())).isZero();
      }
    }
  }
}
