package dev.pathspace.samplers.hjb;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Target;
import dev.pathspace.api.tf.TensorData;
import dev.pathspace.api.tf.TfGraphContext;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * Evaluates a target's log density on the nodes of a grid once, through a small float64 TF graph (a
 * placeholder of points → {@link Target#logDensity}), in chunks.
 */
public final class TargetGridEvaluator {
  private static final int CHUNK = 65_536;

  /** No configuration. */
  public TargetGridEvaluator() {}

  /**
   * log ρ on the grid with {@code points} nodes per axis spanning {@code box}.
   *
   * @throws IllegalArgumentException if d &gt; 2 or the log density is NaN/+∞ somewhere on the grid
   */
  public LogDensityGrid evaluate(Target target, Domain box, int points) {
    int d = target.dim();
    if (d < 1 || d > 2) {
      throw new IllegalArgumentException(
          "exact grid controls need a target of dimension 1 or 2; target '" + target.id() + "' has d = " + d);
    }
    GridAxis[] axes = new GridAxis[d];
    for (int j = 0; j < d; j++) {
      axes[j] = GridAxis.spanning(box.lower()[j], box.upper()[j], points);
    }
    int n = 1;
    for (GridAxis a : axes) {
      n *= a.points();
    }
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(LogDensityGrid.pointOf(axes, i), 0, flat, i * d, d);
    }
    double[] values = logDensity(target, flat, n);
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(values[i]) || values[i] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "target '" + target.id() + "' has log density " + values[i] + " at grid point "
                + java.util.Arrays.toString(LogDensityGrid.pointOf(axes, i)));
      }
    }
    return new LogDensityGrid(axes, values);
  }

  /** log ρ at {@code n} points given row-major in {@code flat} ({@code [n, d]}). */
  public double[] logDensity(Target target, double[] flat, int n) {
    int d = target.dim();
    double[] out = new double[n];
    try (Graph graph = new Graph()) {
      TfGraphContext ctx = new TfGraphContext(graph, TFloat64.class);
      Placeholder<TFloat64> x = ctx.tf().placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, d)));
      Operand<TFloating> logp = target.logDensity(ctx, dev.pathspace.api.Floating.view(x));
      try (Session session = new Session(graph)) {
        for (int start = 0; start < n; start += CHUNK) {
          int m = Math.min(CHUNK, n - start);
          double[] chunk = new double[m * d];
          System.arraycopy(flat, start * d, chunk, 0, m * d);
          try (TFloat64 in = TFloat64.tensorOf(Shape.of(m, d), DataBuffers.of(chunk, true, false));
              Result r = session.runner().feed(x, in).fetch(logp).run()) {
            System.arraycopy(TensorData.toDoubles(r.get(0)), 0, out, start, m);
          }
        }
      }
    }
    return out;
  }
}
