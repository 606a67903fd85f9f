package dev.pathspace.targets;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * The centred 1-D double well ρ₁(y) = exp(−(y² − δ)²) (docs/math.md §7.4): its normaliser and second moment by
 * {@link Quadrature} on [−(√δ+6), √δ+6] (beyond which ρ₁ &lt; e^{−1296}), and exact rejection sampling
 * from the proposal ½N(√δ, 1/δ) + ½N(−√δ, 1/δ) (docs/math.md §7.4), with the bound M = 1.05·max p/q found on a
 * fine grid (p/q → 0 in both tails, so the grid maximum is the global one up to grid resolution).
 */
final class DoubleWell1d {
  private final double delta;
  private final double z;
  private final double secondMoment;
  private final double propStd;
  private final double bound;

  DoubleWell1d(double delta) {
    this.delta = delta;
    double half = Math.sqrt(delta) + 6;
    z = Quadrature.integrate(this::unnorm, -half, half, 400);
    secondMoment = Quadrature.integrate(y -> y * y * unnorm(y), -half, half, 400) / z;
    propStd = 1 / Math.sqrt(delta);
    double max = 0;
    for (double y = -half; y <= half; y += 1e-3) {
      max = Math.max(max, unnorm(y) / z / proposal(y));
    }
    bound = 1.05 * max;
  }

  double unnorm(double y) {
    double a = y * y - delta;
    return Math.exp(-a * a);
  }

  /** log ∫ρ₁. */
  double logZ() {
    return Math.log(z);
  }

  /** Standard deviation (the mean is 0 by symmetry). */
  double std() {
    return Math.sqrt(secondMoment);
  }

  private double proposal(double y) {
    double c = 1 / (propStd * Math.sqrt(2 * Math.PI));
    double a = (y - Math.sqrt(delta)) / propStd;
    double b = (y + Math.sqrt(delta)) / propStd;
    return 0.5 * c * (Math.exp(-0.5 * a * a) + Math.exp(-0.5 * b * b));
  }

  /** One exact draw from ρ₁/Z₁. */
  double sample(RandomGenerator rng) {
    while (true) {
      double y = (rng.nextBoolean() ? 1 : -1) * Math.sqrt(delta) + propStd * rng.nextGaussian();
      if (rng.nextDouble() * bound * proposal(y) < unnorm(y) / z) {
        return y;
      }
    }
  }
}
