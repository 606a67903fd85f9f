package dev.pathspace.experiments.output;

import dev.pathspace.api.Target;
import dev.pathspace.api.tf.TfGraphContext;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * Evaluates a target's log density on a plot grid in a small, separate float64 TensorFlow graph and
 * returns {@code exp(log ρ − max log ρ)} (so the maximum is 1).
 */
public final class DensityGrid {
  private DensityGrid() {}

  /**
   * The relative density on an {@code n × n} grid of cell centres over {@code [lo, hi]} (2-D targets):
   * {@code out[i][j]} is at {@code x = lo0 + (i + ½)·Δx}, {@code y = lo1 + (j + ½)·Δy}.
   */
  public static double[][] grid2d(Target target, double[] lo, double[] hi, int n) {
    double[] pts = new double[2 * n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int k = i * n + j;
        pts[2 * k] = lo[0] + (i + 0.5) * (hi[0] - lo[0]) / n;
        pts[2 * k + 1] = lo[1] + (j + 0.5) * (hi[1] - lo[1]) / n;
      }
    }
    double[] v = relative(logDensity(target, pts, n * n, 2));
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(v, i * n, out[i], 0, n);
    }
    return out;
  }

  /** The relative density of a 1-D target at {@code xs}. */
  public static double[] curve1d(Target target, double[] xs) {
    return relative(logDensity(target, xs.clone(), xs.length, 1));
  }

  private static double[] relative(double[] logp) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logp) {
      if (Double.isFinite(v)) {
        max = Math.max(max, v);
      }
    }
    double[] out = new double[logp.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Double.isFinite(logp[i]) && Double.isFinite(max) ? Math.exp(logp[i] - max) : 0.0;
    }
    return out;
  }

  /** log ρ at {@code rows} points of dimension {@code dim} given row-major. */
  static double[] logDensity(Target target, double[] flat, int rows, int dim) {
    ConfigProto cfg =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(1)
            .setInterOpParallelismThreads(1)
            .setUsePerSessionThreads(true)
            .build();
    try (Graph g = new Graph(); Session s = new Session(g, cfg)) {
      TfGraphContext ctx = new TfGraphContext(g, TFloat64.class);
      Operand<TFloating> x = ctx.constant(flat, rows, dim);
      Operand<TFloating> lp = target.logDensity(ctx, x);
      try (Result r = s.runner().fetch(lp).run()) {
        TFloat64 t = (TFloat64) r.get(0);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
          out[i] = t.getDouble(i);
        }
        return out;
      }
    }
  }
}
