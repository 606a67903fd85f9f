package dev.pathspace.experiments.engine;

import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TensorData;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Gradients through one chunk graph of K steps ({@link ChunkedSimulation}), so that the graph, its build
 * time and its first run do not grow with N (docs/performance.md, chunk graph). One training step is:
 *
 * <ol>
 *   <li>the start run (X_0 and its initial term) and ⌈N/K⌉ forward chunk runs without gradients, the
 *       state carried between runs on the host and stored at every chunk boundary, the running and Itô
 *       sums accumulated per trajectory;
 *   <li>the loss run on the fed sums and X_N: the loss, the divergence's own parameter gradients and the
 *       per-trajectory output gradients g_run = ∂L/∂Σrunning, g_ito = ∂L/∂Σito and (on-policy) the
 *       adjoint λ_N = ∂L/∂X_N;
 *   <li>for every chunk from the last to the first, its recomputation from the stored boundary state and
 *       TF's gradients with given output gradients (Graph.addGradients with dx = [g_run, g_ito, λ_out])
 *       accumulated into the buffers. Off-policy (detached control) the states do not depend on θ, so no
 *       adjoint is carried; on-policy (reverse KL) the chunk also returns λ_in = ∂L/∂X_{k0}, the adjoint
 *       of the previous chunk (backpropagation through the path by recomputation, i.e. checkpointing at
 *       chunk boundaries).
 * </ol>
 *
 * Memory is one chunk's activations plus the boundary states (B·d·⌈N/K⌉); compute is one extra forward
 * pass over the unrolled graph.
 */
final class ChunkGraphGradients implements GradientStrategy {
  private final int chunk;

  /** @param chunk time steps per chunk graph (≥ 1) */
  ChunkGraphGradients(int chunk) {
    this.chunk = chunk;
  }

  /** The chunk graph's gradient ops, or empty when the sampler has no chunk graph. */
  Optional<GradientOps> tryBuild(TfGraphContext ctx, RunComponents c, RunConfig cfg, SimulationRequest request) {
    if (!(request.noise() instanceof StatelessNoise noise)) {
      return Optional.empty();
    }
    Optional<ChunkedSimulation> sim = c.sampler().chunkedSimulation(ctx, request, chunk);
    if (sim.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(build(ctx, c, cfg, request, sim.get(), noise));
  }

  @Override
  public GradientOps build(TfGraphContext ctx, RunComponents c, RunConfig cfg, SimulationRequest request) {
    return tryBuild(ctx, c, cfg, request).orElseThrow(() -> new IllegalStateException(
        "sampler '" + c.sampler().id() + "' has no chunk graph"));
  }

  private GradientOps build(TfGraphContext ctx, RunComponents c, RunConfig cfg, SimulationRequest request,
      ChunkedSimulation sim, StatelessNoise noise) {
    Ops tf = ctx.tf();
    long firstStepDraw = noise.draws() + 1;
    boolean onPolicy = !request.requirements().detachedControl();
    boolean withIto = request.requirements().itoIntegral();
    int batch = request.batch();
    int d = request.target().dim();
    List<TfGraphContext.Trainable> samplerVars = List.copyOf(ctx.trainables());

    // loss graph on the fed sums and the last state
    Placeholder<?> initialPh = placeholder(ctx, "chunk.initial", batch);
    Placeholder<?> runningPh = placeholder(ctx, "chunk.running_sum", batch);
    Placeholder<?> itoPh = placeholder(ctx, "chunk.ito_sum", batch);
    Placeholder<?> lastPh = placeholder(ctx, "chunk.last", batch, d);
    RndTerms terms = sim.finish(ctx, Floating.view(initialPh), Floating.view(runningPh), Floating.view(itoPh),
        Floating.view(lastPh));
    DivergenceOutput out = c.divergence().loss(ctx, terms);
    Operand<TFloating> scaled = cfg.train().scaleLossByDim()
        ? Floating.view(tf.math.mul(out.loss(), ctx.scalar(1.0 / d))) : out.loss();
    List<TfGraphContext.Trainable> all = ctx.trainables();
    List<TfGraphContext.Trainable> divVars = List.copyOf(all.subList(samplerVars.size(), all.size()));
    List<Operand<?>> lossXs = new ArrayList<>(List.of(runningPh, itoPh, lastPh));
    divVars.forEach(t -> lossXs.add(t.variable()));
    Gradients lg = tf.gradients(scaled, lossXs);
    Operand<TFloating> gRun = orZeros(tf, lg.dy(0), runningPh);
    Operand<TFloating> gIto = orZeros(tf, lg.dy(1), itoPh);
    Operand<TFloating> gLast = orZeros(tf, lg.dy(2), lastPh);

    List<Variable<TFloating>> buffers = new ArrayList<>();
    List<Op> lossTargets = new ArrayList<>();
    for (TfGraphContext.Trainable t : samplerVars) {
      Variable<TFloating> buf = GraphVariables.zeros(ctx, "grad_buffer/" + t.name(), t.shape());
      buffers.add(buf);
      lossTargets.add(tf.assign(buf, tf.zerosLike(buf)));
    }
    for (int i = 0; i < divVars.size(); i++) {
      Variable<TFloating> buf = GraphVariables.zeros(ctx, "grad_buffer/" + divVars.get(i).name(), divVars.get(i).shape());
      buffers.add(buf);
      lossTargets.add(tf.assign(buf, orZeros(tf, lg.dy(3 + i), buf)));
    }
    Op lossOp = tf.withControlDependencies(lossTargets).withName("chunk.loss_step").noOp();

    // backward chunk: the chunk's outputs with given output gradients
    Placeholder<?> dRun = placeholder(ctx, "chunk.d_running", batch);
    Placeholder<?> dIto = placeholder(ctx, "chunk.d_ito", batch);
    Placeholder<?> dState = placeholder(ctx, "chunk.d_state", batch, d);
    List<Operand<?>> ys = new ArrayList<>(List.of(sim.running()));
    List<Operand<?>> dys = new ArrayList<>(List.of(dRun));
    if (withIto) {
      ys.add(sim.ito());
      dys.add(dIto);
    }
    if (onPolicy) {
      ys.add(sim.stateOut());
      dys.add(dState);
    }
    List<Operand<?>> xs = new ArrayList<>();
    samplerVars.forEach(t -> xs.add(t.variable()));
    if (onPolicy) {
      xs.add(sim.stateIn());
    }
    Gradients cg = tf.gradients(ys, xs, Gradients.dx(dys));
    List<Op> adds = new ArrayList<>();
    for (int i = 0; i < samplerVars.size(); i++) {
      Output<?> dy = cg.dy(i);
      if (dy != null && dy.op() != null) {
        adds.add(tf.assignAdd(buffers.get(i), Floating.view(dy)));
      }
    }
    Op backOp = tf.withControlDependencies(adds).withName("chunk.backward_step").noOp();
    Operand<TFloating> stateGrad = onPolicy ? orZeros(tf, cg.dy(samplerVars.size()), sim.stateIn()) : null;

    Driver driver = new Driver(ctx.isDouble(), sim, noise.stream(), firstStepDraw, batch, d, onPolicy,
        initialPh, runningPh, itoPh, lastPh, out.loss(), gRun, gIto, gLast, lossOp, dRun, dIto, dState, backOp,
        stateGrad);
    Map<String, Operand<TFloating>> diagnostics = new LinkedHashMap<>(out.diagnostics());
    return new GradientOps(out.loss(), diagnostics, buffers, lossOp, List.of(), null, driver);
  }

  private static Placeholder<?> placeholder(TfGraphContext ctx, String name, long... shape) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Placeholder<?> p = ctx.tf().withName(name).placeholder((Class) ctx.dtype(), Placeholder.shape(Shape.of(shape)));
    return p;
  }

  private static Operand<TFloating> orZeros(Ops tf, Output<?> dy, Operand<?> like) {
    return dy == null || dy.op() == null ? Floating.view(tf.zerosLike(like)) : Floating.view(dy);
  }

  /** The host side of one training step (see the class comment). */
  private record Driver(
      boolean isDouble,
      ChunkedSimulation sim,
      long stream,
      long firstStepDraw,
      int batch,
      int dim,
      boolean onPolicy,
      Operand<?> initialPh,
      Operand<?> runningPh,
      Operand<?> itoPh,
      Operand<?> lastPh,
      Operand<TFloating> loss,
      Operand<TFloating> gRun,
      Operand<TFloating> gIto,
      Operand<TFloating> gLast,
      Op lossOp,
      Operand<?> dRun,
      Operand<?> dIto,
      Operand<?> dState,
      Op backOp,
      Operand<TFloating> stateGrad) implements HostGradients {

    @Override
    public double[] compute(Session session, long[] seed, Function<Session.Runner, List<Tensor>> feed,
        List<Operand<TFloating>> extra) {
      int k = sim.chunk();
      int chunks = (sim.steps() + k - 1) / k;
      double[][] start;
      try (Tensor seedT = TInt64.vectorOf(seed[0], seed[1]);
          Fetch f = new Fetch(session.runner().feed("train_seed", seedT), feed)) {
        start = f.run(sim.startState(), sim.startInitial());
      }
      double[] x = start[0];
      double[] initial = start[1];
      double[] running = new double[batch];
      double[] ito = new double[batch];
      double[][] boundaries = new double[chunks][];
      for (int c = 0; c < chunks; c++) {
        boundaries[c] = x;
        try (Inputs in = new Inputs(c * k, seed, x);
            Fetch f = new Fetch(in.feed(session.runner()), feed)) {
          double[][] r = f.run(sim.stateOut(), sim.running(), sim.ito());
          x = r[0];
          add(running, r[1]);
          add(ito, r[2]);
        }
      }
      List<Operand<TFloating>> lossFetches = new ArrayList<>(List.of(loss, gRun, gIto, gLast));
      lossFetches.addAll(extra);
      double[][] lr;
      try (Tensor a = floating(initial, batch); Tensor b = floating(running, batch); Tensor i = floating(ito, batch);
          Tensor l = floating(x, batch, dim);
          Fetch f = new Fetch(session.runner().feed(initialPh, a).feed(runningPh, b).feed(itoPh, i).feed(lastPh, l)
              .addTarget(lossOp), feed)) {
        lr = f.run(lossFetches.toArray(new Operand<?>[0]));
      }
      double[] adjoint = lr[3];
      for (int c = chunks - 1; c >= 0; c--) {
        try (Inputs in = new Inputs(c * k, seed, boundaries[c]);
            Tensor gr = floating(lr[1], batch); Tensor gi = floating(lr[2], batch);
            Tensor gs = floating(adjoint, batch, dim)) {
          Session.Runner r = in.feed(session.runner()).feed(dRun, gr).feed(dIto, gi).addTarget(backOp);
          if (onPolicy) {
            r.feed(dState, gs);
          }
          try (Fetch f = new Fetch(r, feed)) {
            if (onPolicy) {
              adjoint = f.run(stateGrad)[0];
            } else {
              f.run();
            }
          }
        }
      }
      double[] result = new double[1 + extra.size()];
      result[0] = lr[0][0];
      for (int e = 0; e < extra.size(); e++) {
        result[1 + e] = lr[4 + e][0];
      }
      return result;
    }

    private Tensor floating(double[] v, long... shape) {
      if (isDouble) {
        return TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(v, true, false));
      }
      float[] f = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        f[i] = (float) v[i];
      }
      return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(f, true, false));
    }

    private static void add(double[] acc, double[] v) {
      for (int i = 0; i < acc.length; i++) {
        acc[i] += v[i];
      }
    }

    /** The fed state, step inputs and noise keys of the chunk starting at {@code firstStep}. */
    private final class Inputs implements AutoCloseable {
      private final Tensor state;
      private final Tensor steps;
      private final Tensor keys;

      Inputs(int firstStep, long[] seed, double[] x) {
        int k = sim.chunk();
        state = floating(x, batch, dim);
        double[] v = sim.stepInputValues(firstStep);
        steps = floating(v, v.length / k, k);
        long[] kv = new long[2 * k];
        for (int j = 0; j < k; j++) {
          long[] key = StatelessNoise.key(seed, stream, firstStepDraw + firstStep + j);
          kv[2 * j] = key[0];
          kv[2 * j + 1] = key[1];
        }
        keys = TInt64.tensorOf(Shape.of(k, 2), DataBuffers.of(kv, true, false));
      }

      Session.Runner feed(Session.Runner r) {
        return r.feed(sim.stateIn(), state).feed(sim.stepInputs(), steps).feed(sim.noiseKeys(), keys);
      }

      @Override
      public void close() {
        state.close();
        steps.close();
        keys.close();
      }
    }
  }

  /**
   * One run with the scheduled scalars fed, fetching each distinct output once (the same output may
   * stand for several values, e.g. an Add's gradient for both summands) and copying the values out.
   */
  private static final class Fetch implements AutoCloseable {
    private final Session.Runner runner;
    private final List<Tensor> fed;

    Fetch(Session.Runner runner, Function<Session.Runner, List<Tensor>> feed) {
      this.runner = runner;
      this.fed = feed.apply(runner);
    }

    double[][] run(Operand<?>... outputs) {
      List<Output<?>> distinct = new ArrayList<>();
      int[] index = new int[outputs.length];
      for (int i = 0; i < outputs.length; i++) {
        Output<?> o = outputs[i].asOutput();
        int at = distinct.indexOf(o);
        if (at < 0) {
          at = distinct.size();
          distinct.add(o);
          runner.fetch(o);
        }
        index[i] = at;
      }
      double[][] out = new double[outputs.length][];
      try (Result r = runner.run()) {
        double[][] values = new double[distinct.size()][];
        for (int i = 0; i < distinct.size(); i++) {
          values[i] = TensorData.toDoubles(r.get(i));
        }
        for (int i = 0; i < outputs.length; i++) {
          out[i] = values[index[i]];
        }
      }
      return out;
    }

    @Override
    public void close() {
      fed.forEach(Tensor::close);
    }
  }
}
