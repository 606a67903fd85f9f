package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.testkit.GraphHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;

/**
 * The per-step noise of consecutive training steps is fresh: no draw of step t + 1 equals any draw of step
 * t (the old seed + [0, k] layout made step t + 1's draw k equal to step t's draw k + 1), and the same
 * (seed, step) reproduces the same draws.
 */
class StatelessNoiseTest {
  private static List<double[]> draws(long step, int n) {
    try (GraphHarness h = new GraphHarness()) {
      StatelessNoise noise = h.noise(1);
      List<Operand<?>> ops = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        ops.add(noise.normal(4, 2));
      }
      return h.seed(7, step).evalAll(ops);
    }
  }

  @Test
  void consecutiveStepsShareNoDrawAndASeedReproducesItsDraws() {
    List<double[]> t = draws(10, 5);
    List<double[]> next = draws(11, 5);
    for (double[] a : t) {
      for (double[] b : next) {
        assertThat(Arrays.equals(a, b)).as("a draw of step 11 repeats a draw of step 10").isFalse();
      }
    }
    List<double[]> again = draws(10, 5);
    for (int k = 0; k < 5; k++) {
      assertThat(again.get(k)).containsExactly(t.get(k));
    }
  }
}
