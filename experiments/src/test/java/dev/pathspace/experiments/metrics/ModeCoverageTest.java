package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mode coverage on the 9-mode grid of docs/math.md §7.1. */
class ModeCoverageTest {
  private static final double[][] GRID = grid();
  private final ModeCoverage coverage = new ModeCoverage(ModeCoverage.defaults());

  private static double[][] grid() {
    List<double[]> c = new ArrayList<>();
    for (double a : new double[] {-5, 0, 5}) {
      for (double b : new double[] {-5, 0, 5}) {
        c.add(new double[] {a, b});
      }
    }
    return c.toArray(new double[0][]);
  }

  @Test
  void balancedSamplesCoverAllModes() {
    List<double[]> s = new ArrayList<>();
    for (int k = 0; k < 9; k++) {
      double[][] pts = GaussTarget.sample(GRID[k], 0.5477, 20, 100 + k);
      s.addAll(List.of(pts));
    }
    ModeCoverage.Result r = coverage.compute(s.toArray(new double[0][]), GRID);
    assertThat(r.modesFound()).isEqualTo(9);
    assertThat(r.modesTotal()).isEqualTo(9);
    // with std 0.55 and spacing 5 no sample crosses a Voronoi border (2.5 = 4.6 sd) in practice
    assertThat(r.emc()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void oneModeGivesZeroEntropy() {
    double[][] s = GaussTarget.sample(GRID[4], 0.3, 100, 7);
    ModeCoverage.Result r = coverage.compute(s, GRID);
    assertThat(r.modesFound()).isEqualTo(1);
    assertThat(r.emc()).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void thresholdExcludesStragglers() {
    // 96 samples at one centre, 4 at another: 4 < minCount 5 -> only 1 found; emc from p = (0.96, 0.04)
    double[][] s = new double[100][];
    for (int i = 0; i < 100; i++) {
      s[i] = (i < 96 ? GRID[0] : GRID[8]).clone();
    }
    ModeCoverage.Result r = coverage.compute(s, GRID);
    assertThat(r.modesFound()).isEqualTo(1);
    double h = -(0.96 * Math.log(0.96) + 0.04 * Math.log(0.04));
    assertThat(r.emc()).isCloseTo(h / Math.log(9), within(1e-14));
  }
}
