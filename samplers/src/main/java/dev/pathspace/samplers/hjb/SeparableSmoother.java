package dev.pathspace.samplers.hjb;

/**
 * Method A of the grid convolution (docs/math.md §13): the isotropic Gaussian kernel factorises over
 * coordinates, so in 2-D G(x) = log Σ_{y₀} e^{−(b x₀ − c y₀)²/2v} Σ_{y₁} e^{q(y₀, y₁) − (b x₁ − c y₁)²/2v} is two
 * passes of 1-D log-sum-exp sums (the rectangle rule on the input grid, which for a smooth integrand that
 * vanishes at the edges is the trapezoid rule, whose error decays like exp(−2π²(w/h)²) for a
 * Gaussian factor of width w). Each sum runs only over the input nodes within {@code window} kernel stds
 * of the kernel's centre (the neglected terms are below e^{−window²/2}); the posterior mean E[y | x] is
 * carried through both passes.
 */
public final class SeparableSmoother {
  private final double window;

  /** @param window half-width of the summation window in kernel stds (e.g. 9: neglected terms &lt; e^{−40}) */
  public SeparableSmoother(double window) {
    if (!(window >= 3)) {
      throw new IllegalArgumentException("window must be >= 3 kernel stds (got " + window + ")");
    }
    this.window = window;
  }

  /**
   * G and E[y | x] on the output grid, using every {@code stride}-th input node.
   *
   * @param q the log density on the input grid
   * @param out the output axes (one per dimension of q)
   * @param kernel the kernel
   * @param stride the input stride ≥ 1
   */
  public Smoothed smooth(LogDensityGrid q, GridAxis[] out, GaussianKernel kernel, int stride) {
    if (out.length != q.dim()) {
      throw new IllegalArgumentException("output grid has " + out.length + " axes, input " + q.dim());
    }
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be >= 1 (got " + stride + ")");
    }
    return q.dim() == 1 ? smooth1(q, out[0], kernel, stride) : smooth2(q, out, kernel, stride);
  }

  private Smoothed smooth1(LogDensityGrid q, GridAxis out, GaussianKernel k, int stride) {
    GridAxis in = q.axis(0).strided(stride);
    double[] vals = new double[in.points()];
    for (int j = 0; j < vals.length; j++) {
      vals[j] = q.value(j * stride);
    }
    int n = out.points();
    double[] logMass = new double[n];
    double[] mean = new double[n];
    double[] res = new double[3];
    double logCell = Math.log(in.spacing());
    for (int i = 0; i < n; i++) {
      sum(in, vals, null, out.node(i), k, res);
      logMass[i] = res[0] + logCell;
      mean[i] = res[1];
    }
    return new Smoothed(new GridAxis[] {out}, logMass, mean);
  }

  private Smoothed smooth2(LogDensityGrid q, GridAxis[] out, GaussianKernel k, int stride) {
    GridAxis in0 = q.axis(0).strided(stride);
    GridAxis in1 = q.axis(1).strided(stride);
    int full1 = q.axis(1).points();
    int m0 = in0.points();
    int m1 = in1.points();
    int n0 = out[0].points();
    int n1 = out[1].points();
    // pass 1 over y₁: A[r][o1] = log Σ_{y₁} e^{q(y₀_r, y₁)} k(x₁, y₁), B[r][o1] = E[y₁ | y₀_r, x₁]
    double[][] a = new double[n1][m0];
    double[][] bMean = new double[n1][m0];
    double[] row = new double[m1];
    double[] res = new double[3];
    for (int r = 0; r < m0; r++) {
      int base = r * stride * full1;
      for (int j = 0; j < m1; j++) {
        row[j] = q.value(base + j * stride);
      }
      for (int o1 = 0; o1 < n1; o1++) {
        sum(in1, row, null, out[1].node(o1), k, res);
        a[o1][r] = res[0];
        bMean[o1][r] = res[1];
      }
    }
    // pass 2 over y₀
    double[] logMass = new double[n0 * n1];
    double[] mean = new double[n0 * n1 * 2];
    double logCell = Math.log(in0.spacing() * in1.spacing());
    for (int o0 = 0; o0 < n0; o0++) {
      double x0 = out[0].node(o0);
      for (int o1 = 0; o1 < n1; o1++) {
        sum(in0, a[o1], bMean[o1], x0, k, res);
        int idx = o0 * n1 + o1;
        logMass[idx] = res[0] + logCell;
        mean[2 * idx] = res[1];
        mean[2 * idx + 1] = res[2];
      }
    }
    return new Smoothed(out, logMass, mean);
  }

  /**
   * res[0] = log Σ_j e^{vals_j + exponent(x, y_j)} over the window, res[1] = weighted mean of y_j,
   * res[2] = weighted mean of carried_j (if given). Far outside the input grid the window is moved to
   * the nearest edge, so the posterior concentrates on the edge nodes as it should.
   */
  private void sum(GridAxis in, double[] vals, double[] carried, double x, GaussianKernel k, double[] res) {
    double centre = k.b() * x / k.c();
    double half = window * k.widthInY();
    int span = (int) Math.ceil(2 * half / in.spacing()) + 1;
    int lo = (int) Math.ceil((centre - half - in.lower()) / in.spacing());
    int hi = (int) Math.floor((centre + half - in.lower()) / in.spacing());
    int last = in.points() - 1;
    if (hi < 0) {
      lo = 0;
      hi = Math.min(last, span);
    } else if (lo > last) {
      hi = last;
      lo = Math.max(0, last - span);
    } else {
      lo = Math.max(lo, 0);
      hi = Math.min(hi, last);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int j = lo; j <= hi; j++) {
      double e = vals[j] + k.exponent(x, in.node(j));
      if (e > max) {
        max = e;
      }
    }
    if (max == Double.NEGATIVE_INFINITY) {
      res[0] = Double.NEGATIVE_INFINITY;
      res[1] = centre;
      res[2] = 0;
      return;
    }
    double s = 0;
    double sy = 0;
    double sc = 0;
    for (int j = lo; j <= hi; j++) {
      double w = Math.exp(vals[j] + k.exponent(x, in.node(j)) - max);
      s += w;
      sy += w * in.node(j);
      if (carried != null) {
        sc += w * carried[j];
      }
    }
    res[0] = max + Math.log(s);
    res[1] = sy / s;
    res[2] = carried == null ? 0 : sc / s;
  }
}
