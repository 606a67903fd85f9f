package dev.pathspace.samplers;

import dev.pathspace.api.ChunkedTargetPath;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.TimeGrid;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The chunk graph of a target path ({@link TargetPaths} and {@link Unroll#onPath}, docs/math.md §15): from
 * the fed state at the chunk's end, the states of its K steps are drawn backwards with the kernel's
 * fed scale and std ({@link TargetPaths.Kernel}), then the control is evaluated on each step's pair (X_k,
 * X_{k+1}) with the on-policy cost (½|a|² + extra)·w_k and the Itô term ⟨a, n_k⟩, n_k recovered from the pair as
 * {@link StepRule#recoverNoise} does (Euler: (X_{k+1} − (1 + cΔt)X_k)/σ − uΔt; exponential: X_{k+1} −
 * √(1 − β²)X_k − β²σ²u, which is σβ times the exponential rule's ξ, so ⟨a, n⟩ is its Itô term). The step
 * rows are those of {@link ChunkUnroll} plus two rows for the kernel (padding: scale 1, std 0, zero step
 * size, so a padding step keeps the state and adds nothing).
 */
final class TargetPathChunk implements ChunkedTargetPath {
  /** Rows of the fed step inputs: {@link ChunkUnroll#INPUTS}, then the kernel's scale and std. */
  static final int INPUTS = ChunkUnroll.INPUTS + 2;

  private final SdeSchedule sde;
  private final TimeGrid grid;
  private final int chunk;
  private final StepRule.Exponential exponential;
  private final TargetPaths.Kernel kernel;
  private final Operand<TFloating> stateIn;
  private final Operand<TFloating> stepInputs;
  private final Operand<TInt64> noiseKeys;
  private final Operand<TFloating> stateOut;
  private final Operand<TFloating> running;
  private final Operand<TFloating> ito;
  private final ChunkUnroll.Finish finish;

  /**
   * Builds the chunk graph.
   *
   * @param rule {@link StepRule.Exponential} or null (Euler–Maruyama of the schedule)
   * @param kernel the backward kernel of the target path
   * @param control the fed control for the chunk's steps
   * @param coupling the fed coupling (e.g. {@link ChunkUnroll#reference}), or null for {@link Coupling#none}
   * @param finish the initial (from X_0), constant and terminal terms
   */
  TargetPathChunk(GraphContext g, SimulationRequest req, int chunk, StepRule.Exponential rule,
      TargetPaths.Kernel kernel, Function<ChunkUnroll.Steps, ControlBuilder.FedControl> control,
      Function<ChunkUnroll.Steps, ChunkUnroll.FedCoupling> coupling, ChunkUnroll.Finish finish) {
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be >= 1 (got " + chunk + ")");
    }
    Ops tf = g.tf();
    this.sde = req.schedule();
    this.grid = sde.grid(req.timesteps());
    this.chunk = chunk;
    this.exponential = rule;
    this.kernel = kernel;
    this.finish = finish;
    int d = req.target().dim();
    int batch = req.batch();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloating> xEnd = Floating.view(tf
        .placeholder((Class) g.dtype(), Placeholder.shape(Shape.of(batch, d))));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloating> inputs = Floating.view(tf
        .placeholder((Class) g.dtype(), Placeholder.shape(Shape.of(INPUTS, chunk))));
    Operand<TInt64> keys = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(chunk, 2)));
    stateIn = xEnd;
    stepInputs = inputs;
    noiseKeys = keys;
    ChunkUnroll.Steps steps = new ChunkUnroll.Steps(g, inputs, chunk, INPUTS);
    List<Operand<TInt64>> stepKeys = chunk == 1
        ? List.of(tf.reshape(keys, tf.constant(new long[] {2})))
        : tf.unstack(keys, (long) chunk, Unstack.axis(0L)).output().stream().map(o -> (Operand<TInt64>) o).toList();
    double loc = kernel.loc();
    @SuppressWarnings("unchecked")
    Operand<TFloating>[] x = new Operand[chunk + 1];
    x[chunk] = xEnd;
    for (int j = chunk - 1; j >= 0; j--) { // the ops of TargetPaths.backward, with fed scale and std
      Operand<TFloating> centred = loc == 0 ? x[j + 1] : Floating.view(tf.math.sub(x[j + 1], g.scalar(loc)));
      @SuppressWarnings({"unchecked", "rawtypes"})
      Operand<TFloating> xi = Floating.view(
          tf.random.statelessRandomNormal(tf.constant(new long[] {batch, d}), stepKeys.get(j), (Class) g.dtype()));
      Operand<TFloating> mean = Floating.view(tf.math.add(tf.math.mul(centred, steps.row(ChunkUnroll.INPUTS, j)),
          tf.math.mul(xi, steps.row(ChunkUnroll.INPUTS + 1, j))));
      x[j] = loc == 0 ? mean : Floating.view(tf.math.add(mean, g.scalar(loc)));
    }
    ControlBuilder.FedControl u0 = control.apply(steps);
    ChunkUnroll.FedCoupling c0 = coupling == null ? null : coupling.apply(steps);
    Operand<TInt32> axis1 = tf.constant(1);
    Operand<TFloating> run = Tiling.zeros(g, batch);
    Operand<TFloating> itoSum = Tiling.zeros(g, batch);
    for (int j = 0; j < chunk; j++) {
      Operand<TFloating> u = u0.apply(g, j, x[j]);
      Coupling.Integrands in = c0 == null ? new Coupling.Integrands(u, u, null) : c0.apply(g, j, x[j], u);
      Operand<TFloating> a = in.a();
      Operand<TFloating> free = Floating.view(tf.math.sub(x[j + 1], tf.math.mul(x[j], steps.decay(j))));
      Operand<TFloating> n = exponential != null
          ? Floating.view(tf.math.sub(free, tf.math.mul(u, steps.dt(j))))
          : Floating.view(tf.math.sub(tf.math.div(free, steps.sigma(j)), tf.math.mul(u, steps.dt(j))));
      Operand<TFloating> c = Floating.view(tf.math.mul(tf.sum(tf.math.square(a), axis1), g.scalar(0.5)));
      if (in.extraCost() != null) {
        c = Floating.view(tf.math.add(c, in.extraCost()));
      }
      run = Floating.view(tf.math.add(run, tf.math.mul(c, steps.dt(j))));
      itoSum = Floating.view(tf.math.add(itoSum, tf.sum(tf.math.mul(a, n), axis1)));
    }
    stateOut = Floating.view(tf.identity(x[0]));
    running = Floating.view(tf.identity(run));
    ito = Floating.view(tf.identity(itoSum));
  }

  @Override
  public int chunk() {
    return chunk;
  }

  @Override
  public int steps() {
    return grid.steps();
  }

  @Override
  public Operand<TFloating> stateIn() {
    return stateIn;
  }

  @Override
  public Operand<TFloating> stepInputs() {
    return stepInputs;
  }

  @Override
  public Operand<TInt64> noiseKeys() {
    return noiseKeys;
  }

  @Override
  public Operand<TFloating> stateOut() {
    return stateOut;
  }

  @Override
  public Operand<TFloating> running() {
    return running;
  }

  @Override
  public Operand<TFloating> ito() {
    return ito;
  }

  @Override
  public double[] stepInputValues(int firstStep) {
    double[] base = ChunkUnroll.stepValues(sde, grid, exponential, chunk, firstStep);
    double[] v = java.util.Arrays.copyOf(base, INPUTS * chunk);
    int n = grid.steps();
    for (int j = 0; j < chunk; j++) {
      int k = firstStep + j;
      v[ChunkUnroll.INPUTS * chunk + j] = k < n ? kernel.scale()[k] : 1.0;
      v[(ChunkUnroll.INPUTS + 1) * chunk + j] = k < n ? kernel.std()[k] : 0.0;
    }
    return v;
  }

  @Override
  public long draw(int step) {
    return step < grid.steps() ? kernel.draw(step) : 0;
  }

  @Override
  public RndTerms finish(GraphContext g, Operand<TFloating> first, Operand<TFloating> running,
      Operand<TFloating> ito, Operand<TFloating> last) {
    return finish.apply(g, first, running, ito, last);
  }
}
