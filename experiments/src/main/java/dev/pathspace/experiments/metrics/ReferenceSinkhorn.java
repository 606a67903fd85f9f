package dev.pathspace.experiments.metrics;

import java.util.stream.IntStream;

/**
 * The {@code error/sinkhorn} value of {@code juliusberner/sde_sampler} ({@code sde_sampler/eval/sinkhorn.py},
 * adapted there from scalable-pytorch-sinkhorn; Cuturi 2013), computed exactly as defined there, for n
 * model samples x and n ground-truth samples y with uniform weights a = b = 1/n (docs/math.md §8):
 *
 * <pre>
 * C_ij = ‖x_i − y_j‖₂                         (Euclidean, not squared)
 * u = 0, v = ε log b
 * repeat at most maxIterations times:
 *   u ← ε(log a − LSE_j((v_j − C_ij)/ε));  v ← ε(log b − LSE_i((u_i − C_ij)/ε))
 *   stop when max|Δu| &lt; tol and max|Δv| &lt; tol
 * return Σ_ij P_ij C_ij,  P_ij = exp((u_i + v_j − C_ij)/ε)
 * </pre>
 *
 * Plain Java in double precision, O(n² d) per iteration and O(n d) memory: the cost is recomputed on the
 * fly (the reference uses KeOps lazy tensors the same way), so n = 6000 needs no n×n matrix. Within a
 * log-sum-exp, terms below e^{−50} of the row maximum are skipped: even n = 10⁶ of them add less than half
 * an ulp to the sum (whose largest term is 1), so the result is the same double as the full sum; with the
 * reference's ε = 1e-3 this skips almost every exponential. Rows are processed in parallel (common
 * fork-join pool).
 */
final class ReferenceSinkhorn {
  /** Log-sum-exp terms this far below the row maximum are below half an ulp of the sum. */
  static final double SKIP = 50.0;

  private static final int BLOCK = 64;

  private ReferenceSinkhorn() {}

  /**
   * The reference value between equally many finite rows.
   *
   * @param x model samples {@code [n][d]}
   * @param y ground-truth samples {@code [n][d]}
   * @param eps ε (absolute, in distance units)
   * @param maxIterations maximum number of iterations
   * @param tol early-stop threshold on max|Δu| and max|Δv|
   */
  static double cost(double[][] x, double[][] y, double eps, int maxIterations, double tol) {
    int n = x.length;
    if (y.length != n || n == 0) {
      throw new IllegalArgumentException("the reference Sinkhorn needs n = m >= 1 rows (got " + n + " and "
          + y.length + ")");
    }
    int d = x[0].length;
    double[][] fx = columns(x, d);
    double[][] fy = columns(y, d);
    double logA = Math.log(1.0 / n);
    double[] u = new double[n];
    double[] v = new double[n];
    java.util.Arrays.fill(v, eps * logA);
    for (int it = 0; it < maxIterations; it++) {
      double[] un = update(fx, fy, n, d, v, eps, logA);
      double[] vn = update(fy, fx, n, d, un, eps, logA);
      double errU = maxAbsDiff(u, un);
      double errV = maxAbsDiff(v, vn);
      u = un;
      v = vn;
      if (errU < tol && errV < tol) {
        break;
      }
    }
    return transportCost(fx, fy, n, d, u, v, eps);
  }

  /** out_i = ε(log a − LSE_j((h_j − ‖p_i − q_j‖)/ε)) for every row p_i (p, q coordinate-major). */
  private static double[] update(double[][] p, double[][] q, int n, int d, double[] h, double eps, double logA) {
    double invEps = 1.0 / eps;
    double[] out = new double[n];
    int blocks = (n + BLOCK - 1) / BLOCK;
    IntStream.range(0, blocks).parallel().forEach(b -> {
      double[] s = new double[n];
      int end = Math.min(n, (b + 1) * BLOCK);
      for (int i = b * BLOCK; i < end; i++) {
        sqDistances(p, i, q, d, s);
        for (int j = 0; j < n; j++) { // simple loops, so that the JIT can vectorise them
          s[j] = (h[j] - Math.sqrt(s[j])) * invEps;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          max = Math.max(max, s[j]);
        }
        double floor = max - SKIP;
        double sum = 0;
        for (int j = 0; j < n; j++) {
          if (s[j] > floor) {
            sum += Math.exp(s[j] - max);
          }
        }
        out[i] = eps * (logA - (max + Math.log(sum)));
      }
    });
    return out;
  }

  private static double transportCost(
      double[][] fx, double[][] fy, int n, int d, double[] u, double[] v, double eps) {
    double invEps = 1.0 / eps;
    int blocks = (n + BLOCK - 1) / BLOCK;
    double[] partial = new double[blocks];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      double[] s = new double[n];
      double total = 0;
      int end = Math.min(n, (b + 1) * BLOCK);
      for (int i = b * BLOCK; i < end; i++) {
        sqDistances(fx, i, fy, d, s);
        for (int j = 0; j < n; j++) {
          double c = Math.sqrt(s[j]);
          double e = (u[i] + v[j] - c) * invEps;
          if (e > -745.2) { // exp underflows to exactly 0 below this
            total += Math.exp(e) * c;
          }
        }
      }
      partial[b] = total;
    });
    double sum = 0;
    for (double t : partial) { // fixed order: the same value for any thread count
      sum += t;
    }
    return sum;
  }

  /** s_j = ‖p_i − q_j‖² for every j. */
  private static void sqDistances(double[][] p, int i, double[][] q, int d, double[] s) {
    java.util.Arrays.fill(s, 0.0);
    for (int k = 0; k < d; k++) {
      double pk = p[k][i];
      double[] qk = q[k];
      for (int j = 0; j < s.length; j++) {
        double t = pk - qk[j];
        s[j] += t * t;
      }
    }
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  /** Coordinate-major copy: {@code c[k][i] = x[i][k]}. */
  private static double[][] columns(double[][] x, int d) {
    double[][] c = new double[d][x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length + " coordinates, expected " + d);
      }
      for (int k = 0; k < d; k++) {
        c[k][i] = x[i][k];
      }
    }
    return c;
  }
}
