package dev.pathspace.divergences;

import dev.pathspace.api.GraphContext;
import dev.pathspace.api.RndTerms;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.PathDivergenceContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Test helpers: hand-made rnd batches and a context that exposes the trainable reads it hands out. */
final class Batches {
  private Batches() {}

  /** RndTerms whose logRnd equals {@code rnd} (all in the initial term). */
  static RndTerms of(GraphHarness h, Operand<TFloating> rnd, int b) {
    return new RndTerms(rnd, h.vector(new double[b]), h.vector(new double[b]), h.vector(new double[b]),
        h.input(new double[b][1]));
  }

  /** RndTerms from constant values. */
  static RndTerms of(GraphHarness h, double... rnd) {
    return of(h, h.vector(rnd), rnd.length);
  }

  /** Evaluates operands of any rank (flattened; the harness cannot read rank-0 tensors directly). */
  static List<double[]> eval(GraphHarness h, List<? extends Operand<?>> ops) {
    List<Operand<?>> flat = new ArrayList<>();
    for (Operand<?> op : ops) {
      flat.add(PathDivergenceContract.flat(h, op));
    }
    return h.evalAll(flat);
  }

  /** Evaluates a scalar operand. */
  static double scalar(GraphHarness h, Operand<?> op) {
    return h.scalar(PathDivergenceContract.flat(h, op));
  }

  /** A context delegating to the harness that records the operand returned for each trainable name. */
  static final class Capturing implements GraphContext {
    final GraphContext inner;
    final Map<String, Operand<TFloating>> reads = new HashMap<>();

    Capturing(GraphContext inner) {
      this.inner = inner;
    }

    @Override
    public Ops tf() {
      return inner.tf();
    }

    @Override
    public Class<? extends TFloating> dtype() {
      return inner.dtype();
    }

    @Override
    public Operand<TFloating> scalar(double value) {
      return inner.scalar(value);
    }

    @Override
    public Operand<TFloating> constant(double[] values, long... shape) {
      return inner.constant(values, shape);
    }

    @Override
    public Operand<TFloating> trainable(String name, double[] init, long[] shape, double lrScale) {
      Operand<TFloating> r = inner.trainable(name, init, shape, lrScale);
      reads.put(name, r);
      return r;
    }

    @Override
    public long seed() {
      return inner.seed();
    }

    @Override
    public Operand<TFloating> cast(Operand<?> x) {
      return inner.cast(x);
    }
  }
}
