package dev.pathspace.api.tf;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * The graph context of one TensorFlow {@link Graph}: creates constants of the run's dtype and owns the
 * trainable variables (by name, in creation order). An {@linkplain #readingVia evaluation view} can map
 * variable reads to other variables, e.g. EMA shadows. {@linkplain #scheduledScalar Scheduled scalars} are
 * fed scalars (a placeholder with the base value as default) that the trainer sets at every step.
 */
public final class TfGraphContext implements GraphContext {
  /** A trainable variable and its metadata. */
  public record Trainable(
      String name, Variable<TFloating> variable, long[] shape, double lrScale, double[] init) {}

  /**
   * A scheduled scalar of the graph: {@code value} is a placeholder-with-default of the run's dtype whose
   * default is {@code base} (or the context's fixed value for {@code name}); feed it to change the value.
   */
  public record Scheduled(String name, double base, Operand<TFloating> value) {}

  private final Ops tf;
  private final Class<? extends TFloating> dtype;
  private final Map<String, Trainable> variables;
  private final Function<Trainable, Operand<TFloating>> reader;
  private final boolean frozen;
  private final long seed;
  private final Map<String, Scheduled> scheduled;
  private final Map<String, Double> fixedScheduled;

  /** A fresh context on {@code graph} with the given dtype (TFloat32 or TFloat64) and seed 0. */
  public TfGraphContext(Graph graph, Class<? extends TFloating> dtype) {
    this(graph, dtype, 0L);
  }

  /** A fresh context on {@code graph} with the given dtype and run seed. */
  public TfGraphContext(Graph graph, Class<? extends TFloating> dtype, long seed) {
    this(graph, dtype, seed, Map.of());
  }

  /**
   * A fresh context whose scheduled scalars default to {@code fixedScheduled.get(name)} instead of their
   * base value where given (e.g. an exported evaluation graph that must use the value of the final step).
   */
  public TfGraphContext(Graph graph, Class<? extends TFloating> dtype, long seed, Map<String, Double> fixedScheduled) {
    this(Ops.create(graph), dtype, new LinkedHashMap<>(), null, false, seed, new LinkedHashMap<>(),
        Map.copyOf(fixedScheduled));
  }

  private TfGraphContext(
      Ops tf,
      Class<? extends TFloating> dtype,
      Map<String, Trainable> variables,
      Function<Trainable, Operand<TFloating>> reader,
      boolean frozen,
      long seed,
      Map<String, Scheduled> scheduled,
      Map<String, Double> fixedScheduled) {
    if (dtype != TFloat32.class && dtype != TFloat64.class) {
      throw new IllegalArgumentException("dtype must be TFloat32 or TFloat64, got " + dtype);
    }
    this.tf = tf;
    this.dtype = dtype;
    this.variables = variables;
    this.reader = reader;
    this.frozen = frozen;
    this.seed = seed;
    this.scheduled = scheduled;
    this.fixedScheduled = fixedScheduled;
  }

  /**
   * A view sharing this context's variables whose reads go through {@code reader} (e.g. EMA shadows)
   * and which refuses to create new variables.
   */
  public TfGraphContext readingVia(Function<Trainable, Operand<TFloating>> reader) {
    return new TfGraphContext(tf, dtype, variables, reader, true, seed, scheduled, fixedScheduled);
  }

  /** A view that shares variables but refuses to create new ones (evaluation graphs). */
  public TfGraphContext frozen() {
    return new TfGraphContext(tf, dtype, variables, reader, true, seed, scheduled, fixedScheduled);
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public Ops tf() {
    return tf;
  }

  @Override
  public Class<? extends TFloating> dtype() {
    return dtype;
  }

  /** True for float64 graphs. */
  public boolean isDouble() {
    return dtype == TFloat64.class;
  }

  @Override
  public Operand<TFloating> scalar(double value) {
    return isDouble() ? Floating.view(tf.constant(value)) : Floating.view(tf.constant((float) value));
  }

  @Override
  public Operand<TFloating> constant(double[] values, long... shape) {
    return constantIn(tf, values, shape);
  }

  /** A scalar of the run's dtype created with another ops factory (e.g. the init scope). */
  public Operand<TFloating> scalarIn(Ops ops, double value) {
    return isDouble() ? Floating.view(ops.constant(value)) : Floating.view(ops.constant((float) value));
  }

  /** A constant of the run's dtype created with another ops factory (e.g. the init scope). */
  public Operand<TFloating> constantIn(Ops ops, double[] values, long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(
          "constant of shape " + Shape.of(shape) + " needs " + n + " values, got " + values.length);
    }
    if (isDouble()) {
      return Floating.view(ops.constant(Shape.of(shape), DataBuffers.of(values, true, false)));
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return Floating.view(ops.constant(Shape.of(shape), DataBuffers.of(f, true, false)));
  }

  @Override
  public Operand<TFloating> trainable(String name, double[] init, long[] shape, double lrScale) {
    Trainable t = variables.get(name);
    if (t == null) {
      if (frozen) {
        throw new IllegalStateException(
            "variable '" + name + "' was not created by the training graph; evaluation views cannot create variables");
      }
      Operand<TFloating> initial = constantIn(tf.withInitScope(), init, shape);
      Variable<TFloating> v = tf.withName(sanitize(name)).variable(initial);
      t = new Trainable(name, v, shape.clone(), lrScale, init.clone());
      variables.put(name, t);
    } else if (!java.util.Arrays.equals(t.shape(), shape)) {
      throw new IllegalStateException("variable '" + name + "' requested with a different shape");
    }
    if (reader != null) {
      return reader.apply(t);
    }
    return Floating.view(tf.identity(t.variable()));
  }

  /**
   * A fed scalar (created on first use, shared by name across this context's views): a
   * placeholder-with-default named {@code scheduled.<name>} whose default is {@code base}. The trainer
   * feeds it at every step from {@code train.scalarSchedules.<name>}.
   *
   * @throws IllegalStateException if {@code name} was requested before with another base value
   */
  @Override
  public Operand<TFloating> scheduledScalar(String name, double base) {
    Scheduled s = scheduled.get(name);
    if (s == null) {
      double initial = fixedScheduled.getOrDefault(name, base);
      Operand<TFloating> value = Floating.view(
          tf.withName("scheduled." + sanitize(name)).placeholderWithDefault(scalarIn(tf, initial), Shape.scalar()));
      s = new Scheduled(name, base, value);
      scheduled.put(name, s);
    } else if (Double.compare(s.base(), base) != 0) {
      throw new IllegalStateException(
          "scheduled scalar '" + name + "' requested with base " + base + " after base " + s.base());
    }
    return s.value();
  }

  /** The scheduled scalars requested so far, in creation order. */
  public List<Scheduled> scheduledScalars() {
    return List.copyOf(scheduled.values());
  }

  @Override
  public Operand<TFloating> cast(Operand<?> x) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloating> c = Floating.view(tf.dtypes.cast((Operand) x, (Class) dtype));
    return c;
  }

  /** The trainable variables in creation order. */
  public List<Trainable> trainables() {
    return Collections.unmodifiableList(new ArrayList<>(variables.values()));
  }

  /** A legal TF op name for a logical variable name ("dis/ctrl/in/w" → "dis.ctrl.in.w"). */
  public static String opName(String name) {
    return sanitize(name);
  }

  private static String sanitize(String name) {
    return name.replaceAll("[^A-Za-z0-9_.\\-]", ".");
  }
}
