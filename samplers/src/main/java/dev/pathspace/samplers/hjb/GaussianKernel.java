package dev.pathspace.samplers.hjb;

/**
 * The Gaussian kernel k(x, y) = exp(−|b·x − c·y|²/(2v)) of one convolution G(x) = log ∫ e^{q(y)} k(x, y) dy
 * (docs/math.md §13). DIS marginals: b = 1, c = a(t), v = s(t)²; h-functions: b = a, c = 1, v = τ. As a
 * density in y it has mean b·x/c and std √v/c per coordinate; ∇_x G = (b/v)(c·E[y | x] − b·x), with E[y
 * | x] the posterior mean under the weights e^{q(y)}k(x, y).
 *
 * @param b factor on x, &gt; 0
 * @param c factor on y, &gt; 0
 * @param v variance, &gt; 0
 */
public record GaussianKernel(double b, double c, double v) {
  /** Validates the factors. */
  public GaussianKernel {
    if (!(b > 0) || !(c > 0) || !(v > 0) || !Double.isFinite(b + c + v)) {
      throw new IllegalArgumentException("kernel needs finite b, c, v > 0 (got " + b + ", " + c + ", " + v + ")");
    }
  }

  /** The kernel's std in y, √v/c. */
  public double widthInY() {
    return Math.sqrt(v) / c;
  }

  /** The exponent −|b·x − c·y|²/(2v) for one coordinate. */
  double exponent(double x, double y) {
    double r = b * x - c * y;
    return -0.5 * r * r / v;
  }
}
