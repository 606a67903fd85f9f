package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Trajectories per sample (docs/math.md §4.0): the request's batch is already B·k; the B initial points are drawn
 * once and repeated k times in block order [x_1..x_B, x_1..x_B, …], every row then gets its own noise.
 */
final class Tiling {
  private Tiling() {}

  /** B = batch / k, failing unless k divides the batch. */
  static int base(int batch, int k) {
    if (batch % k != 0) {
      throw new IllegalArgumentException(
          "batch (" + batch + ") must be a multiple of trajectoriesPerSample (" + k + ")");
    }
    return batch / k;
  }

  /** Repeats {@code x} ({@code [B, d]}) k times along axis 0. */
  static Operand<TFloating> tile(GraphContext g, Operand<TFloating> x, int k) {
    if (k == 1) {
      return x;
    }
    return Floating.view(g.tf().tile(x, g.tf().constant(new int[] {k, 1})));
  }

  /** A {@code [batch]} zero vector of the run's dtype. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Operand<TFloating> zeros(GraphContext g, int batch) {
    return Floating.view(g.tf().zeros(g.tf().constant(new long[] {batch}), (Class) g.dtype()));
  }

  /** A {@code [batch, d]} tensor filled with {@code value} (a Dirac initial state). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Operand<TFloating> filled(GraphContext g, int batch, int d, double value) {
    Operand<TFloating> z = Floating.view(g.tf().zeros(g.tf().constant(new long[] {batch, d}), (Class) g.dtype()));
    return value == 0 ? z : Floating.view(g.tf().math.add(z, g.scalar(value)));
  }

  /** The left grid points s_0..s_{N−1} (where controls are evaluated). */
  static double[] left(dev.pathspace.api.TimeGrid grid) {
    return java.util.Arrays.copyOf(grid.times(), grid.steps());
  }
}
