package dev.pathspace.samplers.hjb;

import java.util.Arrays;

/**
 * A log density q on a tensor grid in d = 1 or 2 dimensions, row-major (the last axis runs fastest);
 * −∞ marks points of zero density.
 */
public final class LogDensityGrid {
  private final GridAxis[] axes;
  private final double[] values;

  /**
   * @param axes one axis per dimension (1 or 2)
   * @param values q at the nodes, row-major, {@code Π points} entries
   */
  public LogDensityGrid(GridAxis[] axes, double[] values) {
    if (axes.length < 1 || axes.length > 2) {
      throw new IllegalArgumentException("grids are 1- or 2-dimensional (got " + axes.length + " axes)");
    }
    int n = 1;
    for (GridAxis a : axes) {
      n *= a.points();
    }
    if (values.length != n) {
      throw new IllegalArgumentException("grid needs " + n + " values, got " + values.length);
    }
    for (double v : values) {
      if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("log density on the grid is NaN or +∞");
      }
    }
    this.axes = axes.clone();
    this.values = values.clone();
  }

  /** Dimension d. */
  public int dim() {
    return axes.length;
  }

  /** Axis i. */
  public GridAxis axis(int i) {
    return axes[i];
  }

  /** A copy of the axes. */
  public GridAxis[] axes() {
    return axes.clone();
  }

  /** q at flat index i. */
  public double value(int i) {
    return values[i];
  }

  /** Number of nodes. */
  public int size() {
    return values.length;
  }

  /** The coordinates of flat node i. */
  public double[] point(int i) {
    return pointOf(axes, i);
  }

  static double[] pointOf(GridAxis[] axes, int i) {
    if (axes.length == 1) {
      return new double[] {axes[0].node(i)};
    }
    int n1 = axes[1].points();
    return new double[] {axes[0].node(i / n1), axes[1].node(i % n1)};
  }

  /** q − log N(y; loc·1, var·I) (the ratio log ρ/p_ref of PIS and DDS). */
  public LogDensityGrid minusGaussian(double loc, double var) {
    double[] out = new double[values.length];
    double norm = 0.5 * dim() * Math.log(2 * Math.PI * var);
    for (int i = 0; i < out.length; i++) {
      double[] y = point(i);
      double sq = 0;
      for (double c : y) {
        sq += (c - loc) * (c - loc);
      }
      out[i] = values[i] + 0.5 * sq / var + norm;
    }
    return new LogDensityGrid(axes, out);
  }

  /**
   * The fraction of ∫e^q that lies in the outer band of {@code band} nodes along any axis: a truncation
   * diagnostic (mass near the edge suggests mass beyond it).
   */
  public double edgeMassFraction(int band) {
    double max = Arrays.stream(values).max().orElse(Double.NEGATIVE_INFINITY);
    double total = 0;
    double edge = 0;
    int n1 = dim() == 2 ? axes[1].points() : 1;
    for (int i = 0; i < values.length; i++) {
      double w = Math.exp(values[i] - max);
      total += w;
      int i0 = dim() == 2 ? i / n1 : i;
      boolean near = i0 < band || i0 >= axes[0].points() - band;
      if (dim() == 2) {
        int i1 = i % n1;
        near |= i1 < band || i1 >= n1 - band;
      }
      if (near) {
        edge += w;
      }
    }
    return total > 0 ? edge / total : 1.0;
  }

  /** log ∫e^q by the rectangle rule Σ e^q Π h (the trapezoid rule when e^q vanishes at the edges). */
  public double logIntegral() {
    double max = Arrays.stream(values).max().orElse(Double.NEGATIVE_INFINITY);
    double s = 0;
    for (double v : values) {
      s += Math.exp(v - max);
    }
    double cell = 1;
    for (GridAxis a : axes) {
      cell *= a.spacing();
    }
    return max + Math.log(s * cell);
  }
}
