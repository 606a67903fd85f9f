package dev.pathspace.testkit;

import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TfGraphContext;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * A Graph + Session + {@link TfGraphContext} for tests: build ops, then {@link #eval} them as doubles.
 * Single-threaded and therefore bit-reproducible.
 */
public final class GraphHarness implements AutoCloseable {
  private final Graph graph = new Graph();
  private final TfGraphContext ctx;
  private final Placeholder<TInt64> seed;
  private Session session;
  private long seedA = 1;
  private long seedB = 0;

  /** A float64 harness. */
  public GraphHarness() {
    this(TFloat64.class);
  }

  /** A harness of the given dtype. */
  public GraphHarness(Class<? extends TFloating> dtype) {
    ctx = new TfGraphContext(graph, dtype);
    seed = ctx.tf().placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
  }

  /** The graph context. */
  public TfGraphContext ctx() {
    return ctx;
  }

  /** A stateless noise source fed from this harness's seed (see {@link #seed(long, long)}). */
  public StatelessNoise noise(long stream) {
    return new StatelessNoise(ctx, seed, stream);
  }

  /** Sets the fed seed pair used by noise sources in the next evaluations. */
  public GraphHarness seed(long a, long b) {
    seedA = a;
    seedB = b;
    return this;
  }

  /** A constant {@code [n, d]} input. */
  public Operand<TFloating> input(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return ctx.constant(flat, n, d);
  }

  /** A constant vector. */
  public Operand<TFloating> vector(double... v) {
    return ctx.constant(v, v.length);
  }

  /** Runs the graph and returns each fetched operand flattened to doubles. */
  public List<double[]> evalAll(List<? extends Operand<?>> ops) {
    if (session == null) {
      ConfigProto cfg =
          ConfigProto.newBuilder()
              .setIntraOpParallelismThreads(1)
              .setInterOpParallelismThreads(1)
              .setUsePerSessionThreads(true)
              .build();
      session = new Session(graph, cfg);
    }
    List<double[]> out = new ArrayList<>();
    try (TInt64 s = TInt64.vectorOf(seedA, seedB)) {
      Session.Runner r = session.runner();
      boolean needsSeed = graph.operation(seed.op().name()) != null;
      if (needsSeed) {
        r.feed(seed, s);
      }
      for (Operand<?> op : ops) {
        r.fetch(op);
      }
      try (Result res = r.run()) {
        for (int i = 0; i < ops.size(); i++) {
          out.add(toDoubles(res.get(i)));
        }
      }
    }
    return out;
  }

  /** Runs the graph and returns one operand flattened to doubles. */
  public double[] eval(Operand<?> op) {
    return evalAll(List.of(op)).get(0);
  }

  /** Runs the graph and returns a scalar. */
  public double scalar(Operand<?> op) {
    double[] v = eval(op);
    if (v.length != 1) {
      throw new IllegalArgumentException("expected a scalar, got " + v.length + " values");
    }
    return v[0];
  }

  /** Flattens a fetched floating (or int64) tensor to doubles. */
  public static double[] toDoubles(Tensor t) {
    if (t instanceof TInt64 l) {
      double[] out = new double[(int) t.shape().size()];
      long[] idx = {0};
      if (t.shape().isScalar()) {
        return new double[] {l.getLong()};
      }
      l.scalars().forEach(v -> out[(int) idx[0]++] = v.getLong());
      return out;
    }
    return dev.pathspace.api.tf.TensorData.toDoubles(t);
  }

  /** Views an operand as floating (convenience re-export). */
  public static Operand<TFloating> f(Operand<?> x) {
    return Floating.view(x);
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
