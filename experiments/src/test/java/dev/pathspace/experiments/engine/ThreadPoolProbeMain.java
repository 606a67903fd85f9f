package dev.pathspace.experiments.engine;

import java.io.File;
import java.util.Objects;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Child-JVM probe for {@link DevicesTest}: lists the devices with the thread counts given as
 * {@code args[0]} (intra) and {@code args[1]} (inter), then runs a 512×512 MatMul in a session with one
 * intra-op and one inter-op thread and prints the process's thread count ({@code /proc/self/task}).
 */
public final class ThreadPoolProbeMain {
  private ThreadPoolProbeMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    Devices.visible(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    ConfigProto cfg = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).setUsePerSessionThreads(true).build();
    try (Graph g = new Graph(); Session s = new Session(g, cfg)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a =
          tf.random.statelessRandomNormal(tf.constant(Shape.of(512, 512)), tf.constant(new long[] {1, 2}), TFloat32.class);
      Operand<TFloat32> p = tf.reduceSum(tf.linalg.matMul(a, a), tf.constant(new int[] {0, 1}));
      for (int i = 0; i < 3; i++) {
        try (Result r = s.runner().fetch(p).run()) {
          Objects.requireNonNull(r.get(0));
        }
      }
      System.out.println("threads " + Objects.requireNonNull(new File("/proc/self/task").list()).length);
    }
  }
}
