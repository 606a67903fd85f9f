package dev.pathspace.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.OptionNames;
import dev.pathspace.api.TimeGrid;
import org.junit.jupiter.api.Test;

class TimeGridsTest {
  @Test
  void quadGridIsSqrtOfLinspaceOfTSquared() {
    TimeGrid g = TimeGrids.build(GridRule.QUAD, 2.0, 4);
    double[] expected = {0, 2 * Math.sqrt(0.25), 2 * Math.sqrt(0.5), 2 * Math.sqrt(0.75), 2};
    assertThat(g.times()).containsExactly(expected, within(1e-15));
    // large steps near s = 0, small near s = T
    assertThat(g.dt(0)).isGreaterThan(g.dt(3));
  }

  @Test
  void cosineGridReproducesTheSpecFirstIntervals() {
    // spec §3.1: end 12.8, steps 256 → first Δ 0.13438; end 6.4, steps 128 → first Δ 0.13368
    assertThat(TimeGrids.build(GridRule.COSINE, 12.8, 256).dt(0)).isCloseTo(0.13438, within(5e-6));
    assertThat(TimeGrids.build(GridRule.COSINE, 6.4, 128).dt(0)).isCloseTo(0.13368, within(5e-6));
  }

  @Test
  void cosineGridMatchesTheReferencePointsExceptTheDegenerateLastOne() {
    int n = 64;
    double end = 3.0;
    // reference: steps+1 increments, the last cos(π/2)^4 ≈ 0
    double[] delta = new double[n + 1];
    double total = 0;
    for (int k = 0; k <= n; k++) {
      delta[k] = Math.pow(Math.cos(((double) k / n + 0.008) / 1.008 * Math.PI / 2), 4);
      total += delta[k];
    }
    TimeGrid g = TimeGrids.build(GridRule.COSINE, end, n);
    double acc = 0;
    for (int k = 0; k < n; k++) {
      acc += delta[k];
      assertThat(g.time(k + 1)).isCloseTo(end * acc / total, within(1e-13));
    }
  }

  @Test
  void cosineGridStaysStrictlyIncreasingForManySteps() {
    for (int n : new int[] {256, 1000, 4096}) {
      TimeGrid g = TimeGrids.build(GridRule.COSINE, 1.0, n);
      assertThat(g.steps()).isEqualTo(n);
      double min = Double.MAX_VALUE;
      for (int k = 0; k < n; k++) {
        min = Math.min(min, g.dt(k));
      }
      assertThat(min).as("smallest interval for N = %d", n).isGreaterThanOrEqualTo(0.99e-9);
      assertThat(g.time(n)).isEqualTo(1.0);
    }
  }

  @Test
  void uniformAndErrors() {
    assertThat(TimeGrids.build(GridRule.UNIFORM, 1.0, 4).times()).containsExactly(0, 0.25, 0.5, 0.75, 1.0);
    assertThatThrownBy(() -> TimeGrids.build(GridRule.UNIFORM, 1.0, 0)).hasMessageContaining("steps");
    assertThatThrownBy(() -> OptionNames.parse(GridRule.class, "grid", "linear"))
        .hasMessageContaining("grid must be one of [uniform, quad, cosine]");
  }
}
