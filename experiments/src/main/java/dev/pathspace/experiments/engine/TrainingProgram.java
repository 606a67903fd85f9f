package dev.pathspace.experiments.engine;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.OffPolicyIncrements;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
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
 * The ops of one run, built once in one {@link Graph}: the training unroll → divergence loss → gradients
 * written to buffers (run 1, fetches loss and gradient norm so non-finite steps can be skipped), the
 * clipped {@link Optimizer} update and the {@link WeightAverage} update from the buffers (run 2), and an
 * evaluation unroll of its own batch size that shares the variables (or reads their EMA shadows) and has no
 * gradient ops. The {@linkplain ScalarSchedules scheduled scalars} of both unrolls are fed per run.
 */
final class TrainingProgram {
  final Graph graph;
  final TfGraphContext ctx;
  final Placeholder<TInt64> trainSeed;
  final Placeholder<TInt64> evalSeed;
  final Operand<TFloating> lr;
  final Operand<TFloating> emaDecay;
  final boolean trainable;
  Operand<TFloating> loss;
  Operand<TFloating> gradNorm;
  final Map<String, Operand<TFloating>> diagnostics = new LinkedHashMap<>();
  Op computeGradients;
  /** The optimizer update alone (the EMA ops, if any, are in {@link #ema}). */
  Op applyUpdate;
  /** The EMA of the weights, or null when {@code train.emaDecay} is 0. */
  WeightAverage ema;
  /** The configured schedules of the graph's scheduled scalars. */
  final ScalarSchedules scalarSchedules;
  /** Gradient buffers (one per trainable, in {@code ctx.trainables()} order), written by computeGradients. */
  final List<Variable<TFloating>> gradientBuffers = new ArrayList<>();
  /** Fetched after the chunk runs in chunked mode: the accumulated gradient norm. */
  Operand<TFloating> bufferNorm;
  final Operand<TFloating> evalLogRnd;
  final Operand<TFloating> evalLogRndNoIto;
  final Operand<TFloating> evalSamples;
  final int evalBatch;
  final long networkFlopsPerTrainStep;

  TrainingProgram(Graph graph, RunComponents c, RunConfig cfg) {
    this.graph = graph;
    Class<? extends TFloating> dtype =
        cfg.precision().equals("float64") ? TFloat64.class : TFloat32.class;
    ctx = new TfGraphContext(graph, dtype, cfg.seed());
    Ops tf = ctx.tf();
    trainSeed = tf.withName("train_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    evalSeed = tf.withName("eval_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    lr = Floating.view(tf.withName("lr").placeholderWithDefault(ctx.scalar(cfg.train().lr()), Shape.scalar()));
    emaDecay = Floating.view(tf.withName("ema_decay").placeholderWithDefault(ctx.scalar(0.0), Shape.scalar()));
    trainable = c.sampler().trainable();
    int d = c.target().dim();

    SimulationRequirements req = c.divergence().requirements();
    int trainBatch = cfg.train().batch() * req.trajectoriesPerSample();
    List<TfGraphContext.Trainable> vars = List.of();
    if (trainable) {
      SimulationRequest trainRequest =
          new SimulationRequest(
              c.schedule(), c.target(), trainBatch, cfg.train().timesteps(), req,
              new StatelessNoise(ctx, trainSeed, 1), true);
      int chunk = cfg.train().gradientChunk();
      java.util.Optional<OffPolicyIncrements> increments =
          chunk > 0 && req.detachedControl()
              ? c.sampler().offPolicyIncrements(ctx, trainRequest)
              : java.util.Optional.empty();
      RndTerms terms = c.sampler().simulate(ctx, trainRequest);
      if (increments.isPresent() && !terms.path().isEmpty()) {
        new ChunkedGradients(this, c, cfg, terms, increments.get(), chunk).build();
      } else {
        DivergenceOutput out = c.divergence().loss(ctx, terms);
        loss = out.loss();
        diagnostics.putAll(out.diagnostics());
        Operand<TFloating> scaled =
            cfg.train().scaleLossByDim() ? Floating.view(tf.math.mul(loss, ctx.scalar(1.0 / d))) : loss;
        buildGradientOps(scaled, ctx.trainables());
      }
      vars = ctx.trainables();
      if (vars.isEmpty()) {
        throw new IllegalStateException("sampler '" + c.sampler().id() + "' created no trainable variables");
      }
      buildUpdateOps(vars, cfg);
    }
    networkFlopsPerTrainStep = 3L * forwardFlops(vars, trainBatch) * cfg.train().timesteps();

    TfGraphContext evalCtx = ema != null ? ema.view(ctx) : ctx.frozen();
    evalBatch = Math.min(cfg.eval().chunk(), cfg.eval().batch());
    RndTerms ev =
        c.sampler()
            .simulate(
                evalCtx,
                new SimulationRequest(
                    c.schedule(), c.target(), evalBatch, cfg.train().timesteps(),
                    new SimulationRequirements(false, true, 1),
                    new StatelessNoise(evalCtx, evalSeed, 2), false));
    evalLogRnd = Floating.view(tf.withName("eval_log_rnd").identity(ev.logRnd(tf)));
    evalLogRndNoIto = Floating.view(tf.withName("eval_log_rnd_no_ito").identity(ev.withoutIto(tf)));
    evalSamples = Floating.view(tf.withName("eval_samples").identity(ev.samples()));
    scalarSchedules = new ScalarSchedules(ctx, cfg.train());
  }

  /** Chunked off-policy gradient runs (empty when the whole unroll is differentiated at once). */
  final List<Op> chunkOps = new ArrayList<>();

  private void buildGradientOps(Operand<TFloating> scaled, List<TfGraphContext.Trainable> vars) {
    Ops tf = ctx.tf();
    List<Operand<?>> xs = new ArrayList<>();
    for (TfGraphContext.Trainable t : vars) {
      xs.add(t.variable());
    }
    Gradients grads = tf.gradients(scaled, xs);
    List<Op> assigns = new ArrayList<>();
    Operand<TFloating> sq = ctx.scalar(0.0);
    for (int i = 0; i < vars.size(); i++) {
      TfGraphContext.Trainable t = vars.get(i);
      Output<?> dy = grads.dy(i);
      Operand<TFloating> g =
          dy == null || dy.op() == null ? Floating.view(tf.zerosLike(t.variable())) : Floating.view(dy);
      Variable<TFloating> buf = zeros("grad_buffer/" + t.name(), t.shape());
      gradientBuffers.add(buf);
      assigns.add(tf.assign(buf, g));
      sq = Floating.view(tf.math.add(sq, tf.sum(tf.math.square(g), allAxes(t.shape().length))));
    }
    gradNorm = Floating.view(tf.withName("grad_norm").math.sqrt(sq));
    computeGradients = tf.withControlDependencies(assigns).withName("compute_gradients").noOp();
  }

  private void buildUpdateOps(List<TfGraphContext.Trainable> vars, RunConfig cfg) {
    Ops tf = ctx.tf();
    List<Variable<TFloating>> bufs = gradientBuffers;
    Operand<TFloating> bsq = ctx.scalar(0.0);
    for (int i = 0; i < bufs.size(); i++) {
      bsq = Floating.view(tf.math.add(bsq, tf.sum(tf.math.square(bufs.get(i)), allAxes(vars.get(i).shape().length))));
    }
    bufferNorm = Floating.view(tf.withName("buffer_norm").math.sqrt(bsq));
    Operand<TFloating> factor = ctx.scalar(1.0);
    if (cfg.train().gradClip() > 0) {
      Operand<TFloating> norm = Floating.view(tf.math.add(tf.math.sqrt(bsq), ctx.scalar(1e-12)));
      factor = Floating.view(tf.math.minimum(ctx.scalar(1.0), tf.math.div(ctx.scalar(cfg.train().gradClip()), norm)));
    }
    List<Operand<TFloating>> clipped = new ArrayList<>();
    for (Variable<TFloating> b : bufs) {
      clipped.add(Floating.view(tf.math.mul(b, factor)));
    }
    applyUpdate = Optimizer.of(cfg.train()).update(ctx, vars, clipped, lr);
    if (WeightAverage.enabled(cfg.train())) {
      ema = new WeightAverage(cfg.train());
      ema.build(ctx, vars, applyUpdate, emaDecay);
    }
  }

  Variable<TFloating> zeros(String name, long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    Operand<TFloating> z = ctx.constantIn(ctx.tf().withInitScope(), new double[(int) n], shape);
    return castVar(ctx.tf().withName(TfGraphContext.opName(name)).variable(z));
  }

  Operand<org.tensorflow.types.TInt32> allAxes(int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return ctx.tf().constant(axes);
  }

  @SuppressWarnings("unchecked")
  static Variable<TFloating> castVar(Variable<?> v) {
    return (Variable<TFloating>) v;
  }

  /** Matrix-product FLOPs of one forward step of the state-path network layers (names with /in/, /h, /out/). */
  private static long forwardFlops(List<TfGraphContext.Trainable> vars, int batch) {
    long f = 0;
    for (TfGraphContext.Trainable t : vars) {
      String n = t.name();
      boolean statePath = !n.contains("/time/") && !n.contains("/gain") && t.shape().length == 2
          && (n.contains("/in/w") || n.matches(".*/h\\d+/w") || n.contains("/out/w"));
      if (statePath) {
        f += 2L * batch * t.shape()[0] * t.shape()[1];
      }
    }
    return f;
  }
}
