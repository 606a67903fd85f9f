package dev.pathspace.experiments.engine;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * Differentiates the whole unrolled simulation at once (reparameterised, or through the detached
 * control's recomputation): one session run computes the loss, the gradients into the buffers and their
 * global norm. Memory grows with the activations of all N steps.
 */
final class UnrolledGradients implements GradientStrategy {
  @Override
  public GradientOps build(TfGraphContext ctx, RunComponents c, RunConfig cfg, SimulationRequest request) {
    return fromTerms(ctx, c, cfg, c.sampler().simulate(ctx, request));
  }

  /** The gradient ops of the divergence loss of already simulated {@code terms}. */
  static GradientOps fromTerms(TfGraphContext ctx, RunComponents c, RunConfig cfg, RndTerms terms) {
    Ops tf = ctx.tf();
    DivergenceOutput out = c.divergence().loss(ctx, terms);
    Operand<TFloating> loss = out.loss();
    Operand<TFloating> scaled = cfg.train().scaleLossByDim()
        ? Floating.view(tf.math.mul(loss, ctx.scalar(1.0 / c.target().dim()))) : loss;
    List<TfGraphContext.Trainable> vars = ctx.trainables();
    List<Operand<?>> xs = new ArrayList<>();
    for (TfGraphContext.Trainable t : vars) {
      xs.add(t.variable());
    }
    Gradients grads = tf.gradients(scaled, xs);
    List<Op> assigns = new ArrayList<>();
    List<Variable<TFloating>> buffers = new ArrayList<>();
    Operand<TFloating> sq = ctx.scalar(0.0);
    for (int i = 0; i < vars.size(); i++) {
      TfGraphContext.Trainable t = vars.get(i);
      Output<?> dy = grads.dy(i);
      Operand<TFloating> g =
          dy == null || dy.op() == null ? Floating.view(tf.zerosLike(t.variable())) : Floating.view(dy);
      Variable<TFloating> buf = GraphVariables.zeros(ctx, "grad_buffer/" + t.name(), t.shape());
      buffers.add(buf);
      assigns.add(tf.assign(buf, g));
      sq = Floating.view(tf.math.add(sq, tf.sum(tf.math.square(g), GraphVariables.allAxes(ctx, t.shape().length))));
    }
    Operand<TFloating> gradNorm = Floating.view(tf.withName("grad_norm").math.sqrt(sq));
    Op first = tf.withControlDependencies(assigns).withName("compute_gradients").noOp();
    return new GradientOps(loss, out.diagnostics(), buffers, first, List.of(), gradNorm);
  }
}
