package dev.pathspace.samplers.hjb;

/**
 * A uniform grid on one axis: nodes {@code lower + i·spacing}, i = 0..points−1.
 *
 * @param lower first node
 * @param spacing distance between nodes, &gt; 0
 * @param points number of nodes, ≥ 2
 */
public record GridAxis(double lower, double spacing, int points) {
  /** Validates the axis. */
  public GridAxis {
    if (points < 2) {
      throw new IllegalArgumentException("a grid axis needs at least 2 points (got " + points + ")");
    }
    if (!(spacing > 0) || !Double.isFinite(spacing) || !Double.isFinite(lower)) {
      throw new IllegalArgumentException("grid spacing must be finite and > 0 (got " + spacing + ")");
    }
  }

  /** {@code points} nodes from {@code lo} to {@code hi} inclusive. */
  public static GridAxis spanning(double lo, double hi, int points) {
    return new GridAxis(lo, (hi - lo) / (points - 1), points);
  }

  /** Node i. */
  public double node(int i) {
    return lower + i * spacing;
  }

  /** The last node. */
  public double upper() {
    return node(points - 1);
  }

  /** This axis with every {@code stride}-th node (the last node is kept only if it falls on the stride). */
  public GridAxis strided(int stride) {
    return new GridAxis(lower, spacing * stride, (points - 1) / stride + 1);
  }
}
