package dev.pathspace.samplers.hjb;

/**
 * A convolution G(x) = log ∫ e^{q(y)} k(x, y) dy and the posterior mean E[y | x] at the nodes of a grid.
 *
 * @param axes the output grid
 * @param logMass G at the nodes, row-major
 * @param mean E[y | x] at the nodes, row-major {@code [nodes, d]}
 */
public record Smoothed(GridAxis[] axes, double[] logMass, double[] mean) {
  /** Copies the arrays. */
  public Smoothed {
    axes = axes.clone();
    logMass = logMass.clone();
    mean = mean.clone();
  }

  /** Dimension d. */
  public int dim() {
    return axes.length;
  }

  /** Number of nodes. */
  public int size() {
    return logMass.length;
  }

  /** Coordinate j of E[y | x] at flat node i. */
  public double mean(int i, int j) {
    return mean[i * dim() + j];
  }
}
