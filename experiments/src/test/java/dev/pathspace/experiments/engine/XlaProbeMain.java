package dev.pathspace.experiments.engine;

import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Child-JVM probe for {@link XlaJitTest}: three gradient-descent steps of a tanh network through a session
 * configured by {@link Experiment#sessionConfig} with {@code jit} on or off ({@code args[0]} = jit|nojit);
 * prints the losses.
 */
public final class XlaProbeMain {
  private XlaProbeMain() {}

  /** Entry point. */
  @SuppressWarnings("unchecked")
  public static void main(String[] args) {
    boolean jit = args[0].equals("jit");
    ComponentChoice x = new ComponentChoice("x", Map.of());
    RunConfig base = new RunConfig(x, x, x, x,
        new TrainSettings(2, 8, 4, 1e-3, 1.0, 1.0, 0.0, true, 1, 1), new EvalSettings(8, 8, 0), 1, "float32", 1, 1);
    RunConfig cfg = new RunConfig(base.components(), base.train(), base.eval(), 1, "float32", 1, 2, false, "cpu", jit);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.variable(tf.math.mul(tf.constant(0.1f),
          tf.random.statelessRandomNormal(tf.constant(Shape.of(64, 64)), tf.constant(new long[] {1, 2}), TFloat32.class)));
      Operand<TFloat32> h =
          tf.random.statelessRandomNormal(tf.constant(Shape.of(256, 64)), tf.constant(new long[] {3, 4}), TFloat32.class);
      for (int i = 0; i < 5; i++) {
        h = tf.math.tanh(tf.linalg.matMul(h, w));
      }
      Operand<TFloat32> loss = tf.reduceSum(tf.math.square(h), tf.constant(new int[] {0, 1}));
      Output<?>[] grad = g.addGradients(loss.asOutput(), new Output<?>[] {w.asOutput()});
      Operand<TFloat32> step = tf.assignSub(w, tf.math.mul(tf.constant(1e-3f), (Operand<TFloat32>) grad[0]));
      Devices.Device cpu = Devices.select(Devices.Choice.CPU, Devices.visible());
      try (Session s = new Session(g, Experiment.sessionConfig(cfg, cpu))) {
        s.initialize();
        for (int i = 0; i < 3; i++) {
          try (Result r = s.runner().fetch(loss).addTarget(step).run()) {
            System.out.println("loss " + ((TFloat32) r.get(0)).getFloat());
          }
        }
      }
    }
  }
}
