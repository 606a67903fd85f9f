package dev.pathspace.experiments.output;

import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * Draws samples from an exported sampler ({@code saved_model/}, written by {@code pathspace export}) with
 * nothing but TensorFlow: loads the bundle (tag {@code serve}) and calls its {@code sample} function with
 * seeds {@code [seed, 0]}, {@code [seed, 1]}, … until n rows are collected. Deliberately free of
 * samplers/targets/engine code (a test checks the class files' references).
 */
public final class SavedModelSampler implements AutoCloseable {
  private final SavedModelBundle bundle;
  private final SessionFunction function;

  /** Loads {@code dir}. */
  public SavedModelSampler(Path dir) {
    this.bundle = SavedModelBundle.load(dir.toString(), "serve");
    this.function = bundle.function("sample");
  }

  /** Samples and their log importance weights. */
  public record Draw(double[][] samples, double[] logWeights) {}

  /** n samples (rows {@code [x0..x_{d-1}]}) and log weights {@code −log_rnd}. */
  public Draw draw(int n, long seed) {
    double[][] xs = new double[n][];
    double[] lw = new double[n];
    int filled = 0;
    for (long call = 0; filled < n; call++) {
      try (TInt64 s = TInt64.vectorOf(seed, call);
          Result r = function.call(Map.of("seed", s))) {
        Tensor x = r.get("samples").orElseThrow();
        Tensor lr = r.get("log_rnd").orElseThrow();
        long b = x.shape().get(0);
        int d = (int) x.shape().get(1);
        for (int i = 0; i < b && filled < n; i++, filled++) {
          double[] row = new double[d];
          for (int j = 0; j < d; j++) {
            row[j] = value(x, i, j);
          }
          xs[filled] = row;
          lw[filled] = -value(lr, i);
        }
      }
    }
    return new Draw(xs, lw);
  }

  private static double value(Tensor t, long... idx) {
    if (t instanceof TFloat64 f) {
      return f.getDouble(idx);
    }
    if (t instanceof TFloat32 f) {
      return f.getFloat(idx);
    }
    throw new IllegalStateException("unexpected output type " + t.dataType());
  }

  @Override
  public void close() {
    bundle.close();
  }
}
