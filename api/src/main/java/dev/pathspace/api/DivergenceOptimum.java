package dev.pathspace.api;

/**
 * What a divergence's loss is at the optimal control, declared by the divergence itself (used by the
 * testkit's optimal-control contract instead of matching on ids): with the optimal control every
 * trajectory has rnd = −log Z up to the time-discretisation error, and the loss then lies within
 * {@code slack} of {@code loss}.
 *
 * @param loss the loss value at the exact optimum (rnd ≡ −log Z)
 * @param slack the allowed deviation given the batch's observed rnd spread and bias
 */
public record DivergenceOptimum(double loss, double slack) {
  /** Validates the values. */
  public DivergenceOptimum {
    if (!Double.isFinite(loss) || !(slack >= 0)) {
      throw new IllegalArgumentException("optimum loss must be finite and slack >= 0, got " + loss + ", " + slack);
    }
  }

  /** Whether {@code observed} is within the slack of the optimum loss. */
  public boolean admits(double observed) {
    return Math.abs(observed - loss) <= slack;
  }
}
