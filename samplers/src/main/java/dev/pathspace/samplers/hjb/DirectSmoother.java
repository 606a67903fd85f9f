package dev.pathspace.samplers.hjb;

/**
 * Method B of the grid convolution, the cross-check of {@link SeparableSmoother}: at each query point the
 * d-dimensional sum Σ_y e^{q(y) − |b x − c y|²/2v} Π h over every {@code stride}-th input node of the whole
 * grid, in one log-sum-exp, without factorising the kernel and without a window. Costs O(nodes) per point,
 * so it is meant for a few hundred check points.
 */
public final class DirectSmoother {
  /** The direct sum needs no configuration. */
  public DirectSmoother() {}

  /**
   * G(x) and E[y | x] at one point.
   *
   * @return {@code [G, E[y₀|x], (E[y₁|x])]}
   */
  public double[] at(LogDensityGrid q, double[] x, GaussianKernel k, int stride) {
    int d = q.dim();
    if (x.length != d) {
      throw new IllegalArgumentException("point has " + x.length + " coordinates, grid " + d);
    }
    int n0 = q.axis(0).points();
    int n1 = d == 2 ? q.axis(1).points() : 1;
    double max = Double.NEGATIVE_INFINITY;
    for (int i0 = 0; i0 < n0; i0 += stride) {
      for (int i1 = 0; i1 < n1; i1 += stride) {
        double e = exponent(q, x, k, i0, i1, n1);
        if (e > max) {
          max = e;
        }
      }
    }
    double s = 0;
    double[] m = new double[d];
    for (int i0 = 0; i0 < n0; i0 += stride) {
      for (int i1 = 0; i1 < n1; i1 += stride) {
        double w = Math.exp(exponent(q, x, k, i0, i1, n1) - max);
        s += w;
        m[0] += w * q.axis(0).node(i0);
        if (d == 2) {
          m[1] += w * q.axis(1).node(i1);
        }
      }
    }
    double cell = 1;
    for (int j = 0; j < d; j++) {
      cell *= q.axis(j).spacing() * stride;
    }
    double[] out = new double[d + 1];
    out[0] = max + Math.log(s * cell);
    for (int j = 0; j < d; j++) {
      out[j + 1] = m[j] / s;
    }
    return out;
  }

  private static double exponent(LogDensityGrid q, double[] x, GaussianKernel k, int i0, int i1, int n1) {
    double v = q.value(i0 * n1 + i1) + k.exponent(x[0], q.axis(0).node(i0));
    if (x.length == 2) {
      v += k.exponent(x[1], q.axis(1).node(i1));
    }
    return v;
  }
}
