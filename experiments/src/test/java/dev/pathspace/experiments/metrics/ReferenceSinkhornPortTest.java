package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The reference quantity ({@link ReferenceSinkhorn}) equals a line-by-line plain-Java port of sde_sampler's
 * {@code eval/sinkhorn.py} (loop with break), including the early stop.
 */
class ReferenceSinkhornPortTest {

  /** Direct port of Sinkhorn.compute of sde_sampler (p = 2, uniform weights, n = m). */
  static double port(double[][] x, double[][] y, double eps, int maxIters, double stop) {
    int n = x.length;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i][j] = Math.sqrt(Samples.sqDist(x[i], y[j]));
      }
    }
    double logA = Math.log(1.0 / n);
    double[] u = new double[n];
    double[] v = new double[n];
    java.util.Arrays.fill(v, eps * logA);
    for (int it = 0; it < maxIters; it++) {
      double[] uPrev = u;
      double[] vPrev = v;
      double[] un = new double[n];
      for (int i = 0; i < n; i++) {
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
          s[j] = (-c[i][j] + v[j]) / eps;
        }
        un[i] = eps * (logA - lse(s));
      }
      u = un;
      double[] vn = new double[n];
      for (int j = 0; j < n; j++) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
          s[i] = (-c[i][j] + u[i]) / eps;
        }
        vn[j] = eps * (logA - lse(s));
      }
      v = vn;
      double eu = 0;
      double ev = 0;
      for (int i = 0; i < n; i++) {
        eu = Math.max(eu, Math.abs(uPrev[i] - u[i]));
        ev = Math.max(ev, Math.abs(vPrev[i] - v[i]));
      }
      if (eu < stop && ev < stop) {
        break;
      }
    }
    double d = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d += Math.exp((-c[i][j] + u[i] + v[j]) / eps) * c[i][j];
      }
    }
    return d;
  }

  private static double lse(double[] s) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      m = Math.max(m, v);
    }
    double z = 0;
    for (double v : s) {
      z += Math.exp(v - m);
    }
    return m + Math.log(z);
  }

  @Test
  void tfGraphMatchesPlainPortWithDefaultSettings() {
    double[][] x = GaussTarget.sample(new double[] {0, 0}, 1.0, 60, 11);
    double[][] y = GaussTarget.sample(new double[] {1, 0.5}, 1.0, 60, 12);
    double tf = new Sinkhorn(Sinkhorn.defaults()).referenceCost(x, y);
    double java = port(x, y, 1e-3, 100, 1e-5);
    System.out.printf("reference: tf=%.10f port=%.10f%n", tf, java);
    assertThat(tf).isCloseTo(java, within(1e-9 * Math.max(1, Math.abs(java))));
  }

  @Test
  void earlyStopIsEmulated() {
    // a loose threshold makes the port break early, where further iterations would still move the value
    Sinkhorn.Params p = new Sinkhorn.Params(2000, 2000, 0.05, 100, 1e-2, 0.01, 30, 20, 0.05);
    double[][] x = GaussTarget.sample(new double[] {0}, 1.0, 40, 13);
    double[][] y = GaussTarget.sample(new double[] {2}, 1.0, 40, 14);
    double tf = new Sinkhorn(p).referenceCost(x, y);
    double java = port(x, y, 0.05, 100, 1e-2);
    double noStop = port(x, y, 0.05, 100, 0.0);
    System.out.printf("early stop: tf=%.12f port=%.12f without stop=%.12f%n", tf, java, noStop);
    assertThat(tf).isCloseTo(java, within(1e-10));
    assertThat(Math.abs(noStop - java)).isGreaterThan(1e-6);
  }
}
