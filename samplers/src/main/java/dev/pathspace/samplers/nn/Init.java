package dev.pathspace.samplers.nn;

import java.util.SplittableRandom;

/**
 * Deterministic weight initialisation: PyTorch's default Linear init U(−1/√fan_in, 1/√fan_in) (as in the
 * reference FourierMLP, docs/math.md §6.2), seeded from the run seed and the variable name.
 */
final class Init {
  private Init() {}

  static SplittableRandom rng(long seed, String name) {
    long h = 1125899906842597L;
    for (int i = 0; i < name.length(); i++) {
      h = 31 * h + name.charAt(i);
    }
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
  }

  static double[] uniform(long seed, String name, int n, double bound) {
    SplittableRandom r = rng(seed, name);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = (2 * r.nextDouble() - 1) * bound;
    }
    return w;
  }

  static double[] normal(long seed, String name, int n) {
    SplittableRandom r = rng(seed, name);
    double[] w = new double[n];
    for (int i = 0; i < n; i += 2) {
      double u1 = Math.max(r.nextDouble(), 1e-300);
      double u2 = r.nextDouble();
      double rad = Math.sqrt(-2 * Math.log(u1));
      w[i] = rad * Math.cos(2 * Math.PI * u2);
      if (i + 1 < n) {
        w[i + 1] = rad * Math.sin(2 * Math.PI * u2);
      }
    }
    return w;
  }

  static double[] constant(int n, double v) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, v);
    return w;
  }
}
