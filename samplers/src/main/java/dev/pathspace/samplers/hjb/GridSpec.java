package dev.pathspace.samplers.hjb;

/**
 * Resolution of the exact-control grids.
 *
 * @param inputPoints nodes per axis of the target grid (log ρ is evaluated there once)
 * @param outputPoints nodes per axis of the control tables (bilinear interpolation between them)
 * @param pad the target's domain is widened by this fraction of its width on each side
 * @param window summation half-width in kernel stds
 * @param nodesPerStd the input stride is the largest with at least this many nodes per kernel std; below
 *     one node per std at stride 1 the small-noise limit is used
 */
public record GridSpec(int inputPoints, int outputPoints, double pad, double window, double nodesPerStd) {
  /** Validates the fields. */
  public GridSpec {
    if (inputPoints < 16 || outputPoints < 4) {
      throw new IllegalArgumentException(
          "grid needs inputPoints >= 16 and outputPoints >= 4 (got " + inputPoints + ", " + outputPoints + ")");
    }
    if (!(pad >= 0) || !(window >= 3) || !(nodesPerStd >= 1)) {
      throw new IllegalArgumentException("grid needs pad >= 0, window >= 3, nodesPerStd >= 1");
    }
  }

  /** Defaults for dimension d: 1-D 4001 input / 1201 output nodes, 2-D 601 / 201. */
  public static GridSpec defaults(int d) {
    return d == 1 ? new GridSpec(4001, 1201, 0.25, 9, 1.5) : new GridSpec(601, 201, 0.25, 9, 1.5);
  }

  /** The same spec with another number of output nodes. */
  public GridSpec withOutputPoints(int n) {
    return new GridSpec(inputPoints, n, pad, window, nodesPerStd);
  }

  /** The same spec with another number of input nodes. */
  public GridSpec withInputPoints(int n) {
    return new GridSpec(n, outputPoints, pad, window, nodesPerStd);
  }
}
