package dev.pathspace.api.tf;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.DoubleDataBuffer;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** Bulk copies of fetched floating tensors into Java arrays (row-major). */
public final class TensorData {
  private TensorData() {}

  /** All values of a float32/float64 tensor as doubles, row-major. */
  public static double[] toDoubles(Tensor t) {
    int n = Math.toIntExact(t.shape().size());
    double[] out = new double[n];
    if (t instanceof TFloat64 d) {
      DoubleDataBuffer buf = DataBuffers.of(out, false, false);
      d.copyTo(buf);
      return out;
    }
    if (t instanceof TFloat32 f) {
      float[] tmp = new float[n];
      FloatDataBuffer buf = DataBuffers.of(tmp, false, false);
      f.copyTo(buf);
      for (int i = 0; i < n; i++) {
        out[i] = tmp[i];
      }
      return out;
    }
    throw new IllegalArgumentException("not a floating tensor: " + t.dataType());
  }

  /** A rank-2 tensor as {@code [rows][cols]}. */
  public static double[][] toMatrix(Tensor t) {
    double[] flat = toDoubles(t);
    int rows = (int) t.shape().get(0);
    int cols = rows == 0 ? 0 : flat.length / rows;
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * cols, m[i], 0, cols);
    }
    return m;
  }

  /** The single value of a scalar (or size-1) floating tensor. */
  public static double scalar(Tensor t) {
    double[] v = toDoubles(t);
    if (v.length != 1) {
      throw new IllegalArgumentException("expected one value, got " + v.length);
    }
    return v[0];
  }
}
