package dev.pathspace.samplers;

import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.TimeGrid;
import java.util.ArrayList;
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
 * The chunk graph of the unroll ({@link Unroll#simulate} with {@link StepRule#euler} or {@link
 * StepRule#exponential} and {@link Coupling#none} or {@link Coupling#reference}): K steps from a fed state whose times, step sizes, schedule coefficients and
 * lerp weights are fed per step ({@link Steps}) and whose noise is drawn from fed keys. Each step is the
 * same sequence of ops on the same values as the unrolled step, so the chunk outputs equal the unrolled
 * graph's partial sums; padding steps (past N) have Δt = 0 and leave the state and the sums unchanged.
 */
final class ChunkUnroll implements ChunkedSimulation {
  /** Rows of the fed step inputs: s, √Δt, Δt, 1 + c(s)Δt, σ(s), s/T, 1 − s/T. */
  static final int INPUTS = 7;

  /** The fed per-step scalars of one chunk. */
  static final class Steps {
    private final Operand<TFloating> times;
    private final List<List<Operand<TFloating>>> rows;

    /** Unstacks the {@code [rows, k]} fed inputs (the first {@link #INPUTS} rows are those named below). */
    Steps(GraphContext g, Operand<TFloating> inputs, int k, int rowCount) {
      Ops tf = g.tf();
      List<Operand<TFloating>> byInput = unstack(tf, inputs, rowCount);
      times = byInput.get(0);
      rows = new ArrayList<>();
      for (Operand<TFloating> r : byInput) {
        rows.add(k == 1 ? List.of(Floating.view(tf.squeeze(r))) : unstack(tf, r, k));
      }
    }

    /** Steps per chunk. */
    int size() {
      return rows.get(0).size();
    }

    /** The times s_j, {@code [K]}. */
    Operand<TFloating> times() {
      return times;
    }

    Operand<TFloating> sqrtDt(int j) {
      return rows.get(1).get(j);
    }

    Operand<TFloating> dt(int j) {
      return rows.get(2).get(j);
    }

    Operand<TFloating> decay(int j) {
      return rows.get(3).get(j);
    }

    /** σ(s_j). */
    Operand<TFloating> sigma(int j) {
      return rows.get(4).get(j);
    }

    /** Row {@code r} of step j (rows past {@link #INPUTS} are the caller's own). */
    Operand<TFloating> row(int r, int j) {
      return rows.get(r).get(j);
    }

    /** s_j / T. */
    Operand<TFloating> lambda(int j) {
      return rows.get(5).get(j);
    }

    /** 1 − s_j / T. */
    Operand<TFloating> oneMinusLambda(int j) {
      return rows.get(6).get(j);
    }
  }

  /**
   * {@link Coupling} at step j of a chunk graph: the integrands for the control value u at state x, with the
   * step's scalars fed.
   */
  @FunctionalInterface
  interface FedCoupling {
    Coupling.Integrands apply(GraphContext g, int j, Operand<TFloating> x, Operand<TFloating> u);
  }

  /** {@link Coupling#reference} with a fed reference control r: a = u − r, b = u + r. */
  static Function<Steps, FedCoupling> reference(Function<Steps, ControlBuilder.FedControl> r) {
    return steps -> {
      ControlBuilder.FedControl r0 = r.apply(steps);
      return (g, j, x, u) -> {
        Operand<TFloating> rv = r0.apply(g, j, x);
        Ops tf = g.tf();
        return new Coupling.Integrands(Floating.view(tf.math.sub(u, rv)), Floating.view(tf.math.add(u, rv)), null);
      };
    };
  }

  /** The sampler's constant and terminal terms (see {@link ChunkedSimulation#finish}). */
  @FunctionalInterface
  interface Finish {
    RndTerms apply(GraphContext g, Operand<TFloating> initial, Operand<TFloating> running,
        Operand<TFloating> ito, Operand<TFloating> last);
  }

  private final SdeSchedule sde;
  private final TimeGrid grid;
  private final int chunk;
  private final Operand<TFloating> startState;
  private final Operand<TFloating> startInitial;
  private final Operand<TFloating> stateIn;
  private final Operand<TFloating> stepInputs;
  private final Operand<TInt64> noiseKeys;
  private final Operand<TFloating> stateOut;
  private final Operand<TFloating> running;
  private final Operand<TFloating> ito;
  private final Finish finish;
  private final StepRule.Exponential exponential;

  /**
   * Builds the chunk graph.
   *
   * @param x0 the start state (built with the request's noise)
   * @param initial its initial log-RND term
   * @param control the fed control for the chunk's steps
   */
  ChunkUnroll(GraphContext g, SimulationRequest req, int chunk, Operand<TFloating> x0, Operand<TFloating> initial,
      Function<Steps, ControlBuilder.FedControl> control, Finish finish) {
    this(g, req, chunk, null, x0, initial, control, null, finish);
  }

  /**
   * Builds the chunk graph of {@code rule} ({@link StepRule.Euler} of the schedule or {@link
   * StepRule.Exponential}; null = Euler) with an optional fed coupling (e.g. {@link #reference}, or the
   * bridge's inference control; null = {@link Coupling#none}): per step the running cost is (⟨a, w − ½b⟩
   * or ½|a|², plus the coupling's extra cost)·Δt and the Itô term ⟨a, n⟩, as {@link Unroll}. For the exponential rule the
   * rows √Δt, Δt and 1 + cΔt carry σβ_k, β_k²σ² and √(1 − β_k²) (padding: 0, 0, 1), and the state moves
   * as √(1 − β²)X + β²σ²w + σβξ.
   */
  ChunkUnroll(GraphContext g, SimulationRequest req, int chunk, StepRule rule, Operand<TFloating> x0,
      Operand<TFloating> initial, Function<Steps, ControlBuilder.FedControl> control,
      Function<Steps, FedCoupling> coupling, Finish finish) {
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be >= 1 (got " + chunk + ")");
    }
    Ops tf = g.tf();
    this.sde = req.schedule();
    this.grid = sde.grid(req.timesteps());
    this.chunk = chunk;
    this.exponential = rule instanceof StepRule.Exponential e ? e : null;
    this.startState = x0;
    this.startInitial = initial;
    this.finish = finish;
    int d = req.target().dim();
    int batch = req.batch();
    boolean detached = req.requirements().detachedControl();
    boolean withIto = req.requirements().itoIntegral();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloating> xIn = Floating.view(tf
        .placeholder((Class) g.dtype(), Placeholder.shape(Shape.of(batch, d))));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloating> inputs = Floating.view(tf
        .placeholder((Class) g.dtype(), Placeholder.shape(Shape.of(INPUTS, chunk))));
    Operand<TInt64> keys = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(chunk, 2)));
    stateIn = xIn;
    stepInputs = inputs;
    noiseKeys = keys;
    Steps steps = new Steps(g, inputs, chunk, INPUTS);
    ControlBuilder.FedControl u0 = control.apply(steps);
    FedCoupling c0 = coupling == null ? null : coupling.apply(steps);
    List<Operand<TInt64>> stepKeys = chunk == 1
        ? List.of(tf.reshape(keys, tf.constant(new long[] {2})))
        : tf.unstack(keys, (long) chunk, Unstack.axis(0L)).output().stream().map(o -> (Operand<TInt64>) o).toList();
    Operand<TInt32> axis1 = tf.constant(1);
    Operand<TFloating> x = xIn;
    Operand<TFloating> run = Tiling.zeros(g, batch);
    Operand<TFloating> itoSum = Tiling.zeros(g, batch);
    for (int j = 0; j < chunk; j++) {
      Operand<TFloating> u = u0.apply(g, j, x);
      Operand<TFloating> w = detached ? Floating.view(tf.stopGradient(u)) : u;
      Coupling.Integrands in = c0 == null ? new Coupling.Integrands(u, u, null) : c0.apply(g, j, x, u);
      Operand<TFloating> a = in.a();
      Operand<TFloating> b = in.b();
      Operand<TFloating> c = detached
          ? Floating.view(tf.sum(tf.math.mul(a, tf.math.sub(w, tf.math.mul(b, g.scalar(0.5)))), axis1))
          : Floating.view(tf.math.mul(tf.sum(tf.math.square(a), axis1), g.scalar(0.5)));
      if (in.extraCost() != null) {
        c = Floating.view(tf.math.add(c, in.extraCost()));
      }
      run = Floating.view(tf.math.add(run, tf.math.mul(c, steps.dt(j))));
      @SuppressWarnings({"unchecked", "rawtypes"})
      Operand<TFloating> xi = Floating.view(
          tf.random.statelessRandomNormal(tf.constant(new long[] {batch, d}), stepKeys.get(j), (Class) g.dtype()));
      Operand<TFloating> n = Floating.view(tf.math.mul(xi, steps.sqrtDt(j)));
      if (withIto) {
        itoSum = Floating.view(tf.math.add(itoSum, tf.sum(tf.math.mul(a, n), axis1)));
      }
      if (exponential != null) {
        x = Floating.view(tf.math.add(
            tf.math.add(tf.math.mul(x, steps.decay(j)), tf.math.mul(w, steps.dt(j))), n));
      } else {
        Operand<TFloating> move = Floating.view(tf.math.add(tf.math.mul(w, steps.dt(j)), n));
        x = Floating.view(tf.math.add(tf.math.mul(x, steps.decay(j)), tf.math.mul(move, steps.sigma(j))));
      }
    }
    stateOut = Floating.view(tf.identity(x));
    running = Floating.view(tf.identity(run));
    ito = Floating.view(tf.identity(itoSum));
  }

  private static List<Operand<TFloating>> unstack(Ops tf, Operand<TFloating> x, int n) {
    return tf.unstack(x, (long) n, Unstack.axis(0L)).output().stream().map(o -> Floating.view(o)).toList();
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
  public Operand<TFloating> startState() {
    return startState;
  }

  @Override
  public Operand<TFloating> startInitial() {
    return startInitial;
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
    return stepValues(sde, grid, exponential, chunk, firstStep);
  }

  /**
   * The {@link #INPUTS} step rows of the chunk of {@code chunk} steps from {@code firstStep}, row-major
   * {@code [INPUTS, chunk]}: s, √Δt, Δt, 1 + c(s)Δt, σ(s), s/T, 1 − s/T (exponential rule: σβ, β²σ²,
   * √(1 − β²) in rows 1–3); padding steps (k ≥ N) have zero step size.
   */
  static double[] stepValues(SdeSchedule sde, TimeGrid grid, StepRule.Exponential exponential, int chunk,
      int firstStep) {
    int n = grid.steps();
    double terminal = sde.terminalTime();
    double[] v = new double[INPUTS * chunk];
    for (int j = 0; j < chunk; j++) {
      int k = firstStep + j;
      boolean pad = k >= n;
      double s = grid.time(pad ? n - 1 : k);
      double dt = pad ? 0.0 : grid.dt(k);
      double lambda = s / terminal;
      double[] col;
      if (exponential != null) {
        double beta = pad ? 0.0 : exponential.beta(k);
        double sigma = exponential.sigma();
        col = new double[] {s, sigma * beta, beta * beta * sigma * sigma, pad ? 1.0 : Math.sqrt(1 - beta * beta),
            sde.diffusion(s), lambda, 1 - lambda};
      } else {
        col = new double[] {s, pad ? 0.0 : Math.sqrt(dt), dt, pad ? 1.0 : 1 + sde.driftCoeff(s) * dt,
            sde.diffusion(s), lambda, 1 - lambda};
      }
      for (int r = 0; r < INPUTS; r++) {
        v[r * chunk + j] = col[r];
      }
    }
    return v;
  }

  @Override
  public RndTerms finish(GraphContext g, Operand<TFloating> initial, Operand<TFloating> running,
      Operand<TFloating> ito, Operand<TFloating> last) {
    return finish.apply(g, initial, running, ito, last);
  }
}
