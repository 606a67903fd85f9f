package dev.pathspace.experiments.engine;

import dev.pathspace.api.Floating;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.ChunkedTargetPath;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
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
  /** The divergence loss (null when the sampler is not trainable). */
  final Operand<TFloating> loss;
  /** Gradient norm fetched with {@link #computeGradients}; null when only known after the chunk runs. */
  final Operand<TFloating> gradNorm;
  final Map<String, Operand<TFloating>> diagnostics;
  /** The first run of a training step: loss and (the start of) the gradients into the buffers. */
  final Op computeGradients;
  /** The optimizer update alone (the EMA ops, if any, are in {@link #ema}). */
  final Op applyUpdate;
  /** The EMA of the weights, or null when {@code train.emaDecay} is 0. */
  final WeightAverage ema;
  /** The configured schedules of the graph's scheduled scalars. */
  final ScalarSchedules scalarSchedules;
  /** Whether a computed step is applied (finite, and |loss| within {@code train.maxLoss}). */
  final LossGate lossGate;
  /** Gradient buffers (one per trainable, in {@code ctx.trainables()} order), written by computeGradients. */
  final List<Variable<TFloating>> gradientBuffers;
  /** Runs after {@link #computeGradients} that complete the buffers (empty unless chunked). */
  final List<Op> chunkOps;
  /** The host-driven gradient computation of a chunk graph, or null when the ops above suffice. */
  final HostGradients hostGradients;
  /** The global norm of the gradient buffers (fetched after the chunk runs in chunked mode). */
  final Operand<TFloating> bufferNorm;
  /** The evaluation through a chunk graph (with {@code train.gradientChunk > 0}), or null when unrolled. */
  final ChunkEvaluation evalChunks;
  final Operand<TFloating> evalLogRnd;
  final Operand<TFloating> evalLogRndNoIto;
  final Operand<TFloating> evalSamples;
  final int evalBatch;
  /** Exact target samples {@code [evalBatch, d]} fed to the target-path rnd; null when there is none. */
  final Placeholder<? extends TFloating> targetSamples;
  /** The rnd on target-path trajectories ending at {@link #targetSamples}; null when there is none. */
  final Operand<TFloating> evalTargetLogRnd;
  /** The target's ground-truth sampler that feeds {@link #targetSamples}; null when there is none. */
  final dev.pathspace.api.GroundTruthSampler groundTruth;
  /** The target-path rnd through a chunk graph (chunk-graph runs), else null. */
  final ChunkTargetPathEvaluation targetChunks;
  /** Why there is neither {@link #evalTargetLogRnd} nor {@link #targetChunks} (null when one exists). */
  final String targetPathAbsent;
  /** Learning-curve evaluation outputs (the evaluation ones when their batch is the same; null when off). */
  final Operand<TFloating> curveLogRnd;
  final Operand<TFloating> curveLogRndNoIto;
  final Operand<TFloating> curveSamples;
  /** Exact target samples {@code [curveChunk, d]} of the curve's target-path rnd; null when there is none. */
  final Placeholder<? extends TFloating> curveTargetSamples;
  /** The curve's rnd on target-path trajectories (forward ESS, EUBO); null when there is none. */
  final Operand<TFloating> curveTargetLogRnd;
  /** Trajectories per learning-curve evaluation run (0 when off). */
  final int curveChunk;
  final long networkFlopsPerTrainStep;
  /** The evaluation view of the variables (EMA shadows or frozen), for ops added after the build. */
  private final TfGraphContext evalCtx;
  private final RunComponents components;
  private final RunConfig config;
  private ControlErrorProbe.Outcome controlError;

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

    SimulationRequirements req = c.divergence().requirements();
    int trainBatch = cfg.train().batch() * req.trajectoriesPerSample();
    List<TfGraphContext.Trainable> vars = List.of();
    if (trainable) {
      SimulationRequest trainRequest =
          new SimulationRequest(
              c.schedule(), c.target(), trainBatch, cfg.train().timesteps(), req,
              new StatelessNoise(ctx, trainSeed, 1), true);
      GradientOps g = GradientStrategy.of(cfg, c).build(ctx, c, cfg, trainRequest);
      vars = ctx.trainables();
      if (vars.isEmpty()) {
        throw new IllegalStateException("sampler '" + c.sampler().id() + "' created no trainable variables");
      }
      loss = g.loss();
      gradNorm = g.gradNorm();
      diagnostics = g.diagnostics();
      computeGradients = g.first();
      gradientBuffers = g.buffers();
      chunkOps = g.chunks();
      hostGradients = g.host();
      Operand<TFloating> bsq = ctx.scalar(0.0);
      for (int i = 0; i < gradientBuffers.size(); i++) {
        bsq = Floating.view(tf.math.add(bsq, tf.sum(tf.math.square(gradientBuffers.get(i)),
            GraphVariables.allAxes(ctx, vars.get(i).shape().length))));
      }
      bufferNorm = Floating.view(tf.withName("buffer_norm").math.sqrt(bsq));
      applyUpdate = Optimizer.of(cfg.train()).update(ctx, vars, clip(bsq, cfg), lr);
      ema = WeightAverage.enabled(cfg.train()) ? new WeightAverage(cfg.train()) : null;
      if (ema != null) {
        ema.build(ctx, vars, applyUpdate, emaDecay);
      }
    } else {
      loss = null;
      gradNorm = null;
      diagnostics = Map.of();
      computeGradients = null;
      gradientBuffers = List.of();
      chunkOps = List.of();
      hostGradients = null;
      bufferNorm = null;
      applyUpdate = null;
      ema = null;
    }
    networkFlopsPerTrainStep = 3L * forwardFlops(vars, trainBatch) * cfg.train().timesteps();

    evalCtx = ema != null ? ema.view(ctx) : ctx.frozen();
    components = c;
    config = cfg;
    evalBatch = Math.min(cfg.eval().chunk(), cfg.eval().batch());
    StatelessNoise evalNoise = new StatelessNoise(evalCtx, evalSeed, 2);
    SimulationRequest evalRequest = new SimulationRequest(
        c.schedule(), c.target(), evalBatch, cfg.train().timesteps(),
        new SimulationRequirements(false, true, 1), evalNoise, false);
    int chunk = GradientChoice.chunk(cfg, c.target().dim());
    Optional<ChunkedSimulation> evalSim =
        chunk > 0 ? c.sampler().chunkedSimulation(evalCtx, evalRequest, chunk) : Optional.empty();
    if (evalSim.isPresent()) {
      evalChunks = new ChunkEvaluation(evalCtx, evalSim.get(), evalNoise, "eval_seed", evalBatch, c.target().dim());
      evalLogRnd = evalChunks.logRnd;
      evalLogRndNoIto = evalChunks.logRndNoIto;
      evalSamples = evalChunks.samples;
    } else {
      evalChunks = null;
      RndTerms ev = c.sampler().simulate(evalCtx, evalRequest);
      evalLogRnd = Floating.view(tf.withName("eval_log_rnd").identity(ev.logRnd(tf)));
      evalLogRndNoIto = Floating.view(tf.withName("eval_log_rnd_no_ito").identity(ev.withoutIto(tf)));
      evalSamples = Floating.view(tf.withName("eval_samples").identity(ev.samples()));
    }
    Placeholder<? extends TFloating> gt = null;
    Operand<TFloating> targetRnd = null;
    ChunkTargetPathEvaluation chunkTarget = null;
    String absent = null;
    if (c.target().groundTruth().isEmpty()) {
      absent = "target '" + c.target().id() + "' has no ground-truth sampler";
    } else if (evalChunks != null) {
      // an unrolled targetPathRnd of N steps would make memory grow with N again: its chunk graph or nothing
      StatelessNoise targetNoise = new StatelessNoise(evalCtx, evalSeed, 3);
      Optional<ChunkedTargetPath> path = c.sampler().chunkedTargetPath(evalCtx, new SimulationRequest(
          c.schedule(), c.target(), evalBatch, cfg.train().timesteps(), new SimulationRequirements(false, true, 1),
          targetNoise, false), chunk);
      if (path.isPresent()) {
        chunkTarget = new ChunkTargetPathEvaluation(evalCtx, path.get(), targetNoise, evalBatch, c.target().dim(),
            "eval_target_log_rnd");
      } else {
        absent = "not computed with the chunk graph (train.gradientChunk=" + chunk + "): sampler '"
            + c.sampler().id() + "' has no chunked target path; use train.gradientChunk=0 for the forward ESS and EUBO";
      }
    } else {
      gt = placeholder(tf, dtype, evalBatch, c.target().dim());
      java.util.Optional<RndTerms> fwd =
          c.sampler()
              .targetPathRnd(
                  evalCtx,
                  new SimulationRequest(
                      c.schedule(), c.target(), evalBatch, cfg.train().timesteps(),
                      new SimulationRequirements(false, true, 1),
                      new StatelessNoise(evalCtx, evalSeed, 3), false),
                  Floating.view(gt));
      if (fwd.isPresent()) {
        targetRnd = Floating.view(tf.withName("eval_target_log_rnd").identity(fwd.get().logRnd(tf)));
      } else {
        absent = "sampler '" + c.sampler().id() + "' cannot sample its target path measure";
      }
    }
    targetSamples = targetRnd == null ? null : gt;
    targetChunks = chunkTarget;
    groundTruth = targetRnd == null && chunkTarget == null ? null : c.target().groundTruth().orElseThrow();
    evalTargetLogRnd = targetRnd;
    targetPathAbsent = absent;
    if (trainable && cfg.eval().curves()) {
      // with a chunk graph the curve runs through the evaluation's chunk graph (its batch); else its own unroll
      curveChunk = evalChunks != null ? evalBatch : Math.min(cfg.eval().chunk(), cfg.eval().curveBatch());
      if (curveChunk == evalBatch) {
        curveLogRnd = evalLogRnd;
        curveLogRndNoIto = evalLogRndNoIto;
        curveSamples = evalSamples;
        curveTargetSamples = targetSamples;
        curveTargetLogRnd = evalTargetLogRnd;
      } else { // a second unroll of the curve's batch size over the same variables (no gradient ops)
        RndTerms cv = c.sampler().simulate(evalCtx, new SimulationRequest(
            c.schedule(), c.target(), curveChunk, cfg.train().timesteps(),
            new SimulationRequirements(false, true, 1), new StatelessNoise(evalCtx, evalSeed, 2), false));
        curveLogRnd = Floating.view(tf.withName("curve_log_rnd").identity(cv.logRnd(tf)));
        curveLogRndNoIto = Floating.view(tf.withName("curve_log_rnd_no_ito").identity(cv.withoutIto(tf)));
        curveSamples = Floating.view(tf.withName("curve_samples").identity(cv.samples()));
        if (evalTargetLogRnd != null) {
          Placeholder<? extends TFloating> cgt = placeholder(tf, dtype, curveChunk, c.target().dim());
          RndTerms cf = c.sampler().targetPathRnd(evalCtx, new SimulationRequest(
              c.schedule(), c.target(), curveChunk, cfg.train().timesteps(),
              new SimulationRequirements(false, true, 1), new StatelessNoise(evalCtx, evalSeed, 3), false),
              Floating.view(cgt)).orElseThrow();
          curveTargetSamples = cgt;
          curveTargetLogRnd = Floating.view(tf.withName("curve_target_log_rnd").identity(cf.logRnd(tf)));
        } else {
          curveTargetSamples = null;
          curveTargetLogRnd = null;
        }
      }
    } else {
      curveChunk = 0;
      curveLogRnd = null;
      curveLogRndNoIto = null;
      curveSamples = null;
      curveTargetSamples = null;
      curveTargetLogRnd = null;
    }
    scalarSchedules = new ScalarSchedules(ctx, cfg.train());
    lossGate = new LossGate(cfg.train(), cfg.train().scaleLossByDim() ? 1.0 / c.target().dim() : 1.0);
  }

  /**
   * The {@code control_error} probe (docs/math.md §14), added to the graph on first use (so that neither the
   * training build nor benchmarks pay for the grid tables), or the reason it does not apply.
   */
  ControlErrorProbe.Outcome controlErrorProbe() {
    if (controlError == null) {
      controlError = ControlErrorProbe.build(evalCtx, components, config, evalSeed, evalBatch);
    }
    return controlError;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Placeholder<? extends TFloating> placeholder(
      Ops tf, Class<? extends TFloating> dtype, int rows, int dim) {
    return tf.withName("eval_target_samples").placeholder((Class) dtype, Placeholder.shape(Shape.of(rows, dim)));
  }

  /** The buffers scaled by min(1, gradClip / ‖g‖) when {@code train.gradClip > 0} ({@code bsq} = ‖g‖²). */
  private List<Operand<TFloating>> clip(Operand<TFloating> bsq, RunConfig cfg) {
    Ops tf = ctx.tf();
    Operand<TFloating> factor = ctx.scalar(1.0);
    if (cfg.train().gradClip() > 0) {
      Operand<TFloating> norm = Floating.view(tf.math.add(tf.math.sqrt(bsq), ctx.scalar(1e-12)));
      factor = Floating.view(tf.math.minimum(ctx.scalar(1.0), tf.math.div(ctx.scalar(cfg.train().gradClip()), norm)));
    }
    List<Operand<TFloating>> clipped = new ArrayList<>();
    for (Variable<TFloating> b : gradientBuffers) {
      clipped.add(Floating.view(tf.math.mul(b, factor)));
    }
    return clipped;
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
