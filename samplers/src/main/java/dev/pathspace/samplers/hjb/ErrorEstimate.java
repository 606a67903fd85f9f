package dev.pathspace.samplers.hjb;

/**
 * A posteriori error estimates of one control table, in units of the control (max over the output grid).
 *
 * @param quadrature |u(stride k) − u(stride 2k)|: the coarser rule's error, an upper estimate of the
 *     finer one's (the trapezoid error decays like exp(−2π²(w/h)²), so halving h makes it negligible)
 * @param interpolation bilinear interpolation error max Σ_j h_j²|∂_j²u|/8, from second differences
 * @param smallNoise the O(w²) error of the small-noise limit ∇G ≈ (b/c)∇q(bx/c), estimated as
 *     gain·(b/c)·w²·max|∇(½|∇q|² + ½Δq)| from finite differences of q (0 in the quadrature regime)
 * @param edgeMass fraction of ∫e^q in the outer 2 % of the input grid (truncation diagnostic)
 */
public record ErrorEstimate(double quadrature, double interpolation, double smallNoise, double edgeMass) {
  /** The sum of the control-valued estimates. */
  public double total() {
    return quadrature + interpolation + smallNoise;
  }
}
