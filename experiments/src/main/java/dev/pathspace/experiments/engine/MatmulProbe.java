package dev.pathspace.experiments.engine;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Reference compute rate of this machine, measured in-process with the same TensorFlow build: the median
 * GFLOP/s of an n×n by n×n float32 MatMul on variables (not constants, which Grappler would fold away;
 * docs/tensorflow-notes.md §10 pitfall 19), with TensorFlow's default thread pools.
 */
public final class MatmulProbe {
  private MatmulProbe() {}

  /** Median GFLOP/s of {@code repeats} products of size n (after one warm-up run). */
  public static double gflops(int n, int repeats) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      float[] a = new float[n * n];
      SplittableRandom r = new SplittableRandom(1);
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) (r.nextDouble() - 0.5);
      }
      Operand<TFloat32> init = tf.withInitScope().constant(Shape.of(n, n), DataBuffers.of(a, true, false));
      Variable<TFloat32> x = tf.variable(init);
      Variable<TFloat32> y = tf.variable(tf.withInitScope().constant(Shape.of(n, n), DataBuffers.of(a, true, false)));
      Operand<TFloat32> prod = tf.sum(tf.linalg.matMul(x, y), tf.constant(new int[] {0, 1}));
      ConfigProto cfg = ConfigProto.newBuilder().setUsePerSessionThreads(true).build();
      try (Session s = new Session(g, cfg)) {
        s.runner().fetch(prod).run().close();
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
          long t0 = System.nanoTime();
          s.runner().fetch(prod).run().close();
          t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return 2.0 * n * n * (double) n / t[repeats / 2] / 1e9;
      }
    }
  }
}
