package dev.pathspace.experiments.engine;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.OffPolicyIncrements;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * Off-policy gradients accumulated over chunks of time steps. For a divergence that simulates with a
 * detached control, the trajectories do not depend on θ, so ∇_θ L = Σ_k Σ_i (∂L/∂rnd_i) ∇_θ inc_{k,i},
 * where inc_{k,i} is the θ-dependent log-RND increment of step k recomputed from the stored states
 * (spec §4.4). Run 1 simulates forward without gradients, stores the states X_0..X_N ({@code [N+1, B, d]})
 * and g = ∂L/∂rnd, and writes the divergence's own gradients; each chunk run then adds the gradient of
 * Σ_{k∈chunk} ⟨g, inc_k⟩ to the sampler's buffers. Only one chunk's activations are alive at a time.
 */
final class ChunkedOffPolicyGradients implements GradientStrategy {
  private final int chunk;

  /** @param chunk time steps per chunk run (≥ 1) */
  ChunkedOffPolicyGradients(int chunk) {
    this.chunk = chunk;
  }

  /**
   * Falls back to {@link UnrolledGradients} when the sampler has no off-policy increments or does not
   * record its path.
   */
  @Override
  public GradientOps build(TfGraphContext ctx, RunComponents c, RunConfig cfg, SimulationRequest request) {
    Optional<OffPolicyIncrements> increments = c.sampler().offPolicyIncrements(ctx, request);
    RndTerms terms = c.sampler().simulate(ctx, request);
    if (increments.isEmpty() || terms.path().isEmpty()) {
      return UnrolledGradients.fromTerms(ctx, c, cfg, terms);
    }
    return chunked(ctx, c, cfg, terms, increments.get());
  }

  private GradientOps chunked(
      TfGraphContext ctx, RunComponents c, RunConfig cfg, RndTerms terms, OffPolicyIncrements increments) {
    Ops tf = ctx.tf();
    int d = c.target().dim();
    List<TfGraphContext.Trainable> samplerVars = ctx.trainables();
    List<Operand<TFloating>> path = terms.path();
    int steps = path.size() - 1;

    // run 1: forward, loss, ∂L/∂rnd, divergence-variable gradients, stored path
    Operand<TFloating> rnd = Floating.view(tf.identity(tf.stopGradient(terms.logRnd(tf))));
    Operand<TFloating> zero = Floating.view(tf.math.mul(rnd, ctx.scalar(0.0)));
    DivergenceOutput out = c.divergence().loss(ctx, new RndTerms(rnd, zero, zero, zero, terms.samples()));
    Operand<TFloating> scaled =
        cfg.train().scaleLossByDim() ? Floating.view(tf.math.mul(out.loss(), ctx.scalar(1.0 / d))) : out.loss();
    List<TfGraphContext.Trainable> all = ctx.trainables();
    List<TfGraphContext.Trainable> divVars = all.subList(samplerVars.size(), all.size());
    List<Operand<?>> xs = new ArrayList<>();
    xs.add(rnd);
    divVars.forEach(t -> xs.add(t.variable()));
    Gradients grads = tf.gradients(scaled, xs);

    long batch = terms.samples().shape().size(0);
    Variable<TFloating> gVar = GraphVariables.zeros(ctx, "chunk/dloss_drnd", new long[] {batch});
    Variable<TFloating> pathVar = GraphVariables.zeros(ctx, "chunk/path", new long[] {steps + 1, batch, d});
    List<Variable<TFloating>> buffers = new ArrayList<>();
    List<Op> first = new ArrayList<>();
    first.add(tf.assign(gVar, orZeros(tf, grads.dy(0), gVar)));
    first.add(tf.assign(pathVar, tf.stack(path)));
    for (TfGraphContext.Trainable t : samplerVars) {
      Variable<TFloating> buf = GraphVariables.zeros(ctx, "grad_buffer/" + t.name(), t.shape());
      buffers.add(buf);
      first.add(tf.assign(buf, tf.zerosLike(buf)));
    }
    for (int i = 0; i < divVars.size(); i++) {
      Variable<TFloating> buf =
          GraphVariables.zeros(ctx, "grad_buffer/" + divVars.get(i).name(), divVars.get(i).shape());
      buffers.add(buf);
      first.add(tf.assign(buf, orZeros(tf, grads.dy(i + 1), buf)));
    }
    Op forward = tf.withControlDependencies(first).withName("chunk_forward").noOp();

    // runs 2..: one per chunk of steps
    Operand<TFloating> g = Floating.view(tf.identity(gVar));
    List<Operand<?>> samplerXs = new ArrayList<>();
    samplerVars.forEach(t -> samplerXs.add(t.variable()));
    List<Op> chunkOps = new ArrayList<>();
    for (int k0 = 0; k0 < steps; k0 += chunk) {
      int k1 = Math.min(steps, k0 + chunk);
      Operand<TFloating> sum = null;
      for (int k = k0; k < k1; k++) {
        Operand<TFloating> xk = Floating.view(tf.gather(pathVar, tf.constant(k), tf.constant(0)));
        Operand<TFloating> xk1 = Floating.view(tf.gather(pathVar, tf.constant(k + 1), tf.constant(0)));
        Operand<TFloating> inc = increments.increment(ctx, k, xk, xk1);
        Operand<TFloating> term = Floating.view(tf.sum(tf.math.mul(g, inc), tf.constant(0)));
        sum = sum == null ? term : Floating.view(tf.math.add(sum, term));
      }
      Gradients cg = tf.gradients(sum, samplerXs);
      List<Op> adds = new ArrayList<>();
      for (int i = 0; i < samplerVars.size(); i++) {
        Output<?> dy = cg.dy(i);
        if (dy != null && dy.op() != null) {
          adds.add(tf.assignAdd(buffers.get(i), Floating.view(dy)));
        }
      }
      chunkOps.add(tf.withControlDependencies(adds).withName("chunk_" + k0).noOp());
    }
    return new GradientOps(out.loss(), out.diagnostics(), buffers, forward, chunkOps, null);
  }

  private static Operand<TFloating> orZeros(Ops tf, Output<?> dy, Operand<TFloating> like) {
    return dy == null || dy.op() == null ? Floating.view(tf.zerosLike(like)) : Floating.view(dy);
  }
}
