package dev.pathspace.experiments.engine;

import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.tf.StatelessNoise;
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
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
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

    ChunkForward forward = new ChunkForward(sim, ctx.isDouble(), "train_seed", noise, batch, d);
    Driver driver = new Driver(forward, onPolicy,
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
      ChunkForward forward,
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
      int batch = forward.batch();
      int dim = forward.dim();
      ChunkForward.Pass pass = forward.forward(session, seed, feed, true);
      List<Operand<TFloating>> lossFetches = new ArrayList<>(List.of(loss, gRun, gIto, gLast));
      lossFetches.addAll(extra);
      double[][] lr;
      try (Tensor a = forward.floating(pass.initial(), batch); Tensor b = forward.floating(pass.running(), batch);
          Tensor i = forward.floating(pass.ito(), batch); Tensor l = forward.floating(pass.last(), batch, dim);
          ChunkForward.Fetch f = new ChunkForward.Fetch(session.runner().feed(initialPh, a).feed(runningPh, b)
              .feed(itoPh, i).feed(lastPh, l).addTarget(lossOp), feed)) {
        lr = f.run(lossFetches.toArray(new Operand<?>[0]));
      }
      double[] adjoint = lr[3];
      for (int c = forward.chunks() - 1; c >= 0; c--) {
        try (ChunkForward.Inputs in = forward.inputs(c, seed, pass.boundaries()[c]);
            Tensor gr = forward.floating(lr[1], batch); Tensor gi = forward.floating(lr[2], batch);
            Tensor gs = forward.floating(adjoint, batch, dim)) {
          Session.Runner r = in.feed(session.runner()).feed(dRun, gr).feed(dIto, gi).addTarget(backOp);
          if (onPolicy) {
            r.feed(dState, gs);
          }
          try (ChunkForward.Fetch f = new ChunkForward.Fetch(r, feed)) {
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
  }
}
