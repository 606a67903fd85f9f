package dev.pathspace.experiments.engine;

import dev.pathspace.api.tf.TensorData;
import dev.pathspace.experiments.config.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * One run's TensorFlow program: one graph, one session, the training loop (with non-finite steps
 * detected, reported and skipped) and chunked evaluation. Close to release native memory.
 */
public final class Experiment implements AutoCloseable {
  private final RunConfig config;
  private final Graph graph;
  private final TrainingProgram program;
  private final Session session;
  private final double buildSeconds;
  private final LearningRateSchedule lrSchedule;
  private Devices.Device device;
  private int stepsDone;
  private int skippedBefore;

  private Experiment(RunConfig config, Graph graph, TrainingProgram program, Session session, double buildSeconds) {
    this.config = config;
    this.graph = graph;
    this.program = program;
    this.session = session;
    this.buildSeconds = buildSeconds;
    this.lrSchedule = LearningRateSchedule.of(config.train());
  }

  /** Builds the training and evaluation graphs and the session (no step is run). */
  public static Experiment build(RunComponents components, RunConfig config) {
    long t0 = System.nanoTime();
    // device=gpu on a process whose TensorFlow sees no GPU fails here, before any graph is built
    Devices.Device device = Devices.select(
        Devices.Choice.parse(config.device()), Devices.visible(config.intraThreads(), config.interThreads()));
    XlaJit.check(config.jit(), device.isGpu(), System.getenv());
    Graph graph = new Graph();
    try {
      TrainingProgram program = new TrainingProgram(graph, components, config);
      Session session = new Session(graph, sessionConfig(config, device));
      Experiment e = new Experiment(config, graph, program, session, (System.nanoTime() - t0) / 1e9);
      e.device = device;
      return e;
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** {@link #sessionConfig(RunConfig, Devices.Device)} with TF's default placement. */
  static ConfigProto sessionConfig(RunConfig config) {
    return sessionConfig(config, null);
  }

  /**
   * Session settings: the configured thread pools (per session, so an earlier session cannot resize
   * them), soft placement (ops without a GPU kernel fall back to the CPU), no GPU at all when the chosen
   * {@code device} is the CPU (a GPU build would otherwise place ops on its GPU), and TF's Grappler optimiser only when
   * {@code graphOptimization} is on: on this workload it turns a ~2–4 s first step into 10–25 s for at most
   * ~30 % faster steps on small configurations and none on large ones (docs/performance.md).
   */
  static ConfigProto sessionConfig(RunConfig config, Devices.Device device) {
    ConfigProto.Builder b =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(config.intraThreads())
            .setInterOpParallelismThreads(config.interThreads())
            .setUsePerSessionThreads(true)
            .setAllowSoftPlacement(true);
    if (device != null && !device.isGpu()) {
      b.putDeviceCount("GPU", 0);
    }
    GraphOptions.Builder g = GraphOptions.newBuilder();
    if (!config.graphOptimization()) {
      g.setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true).build());
    }
    if (config.jit()) { // XLA JIT (XlaJit; on the CPU TF_XLA_FLAGS must hold --tf_xla_cpu_global_jit)
      g.setOptimizerOptions(OptimizerOptions.newBuilder().setGlobalJitLevel(XlaJit.level(true)).build());
    }
    if (!config.graphOptimization() || config.jit()) {
      b.setGraphOptions(g.build());
    }
    return b.build();
  }

  /** The device the session runs on ({@code device=cpu|gpu|auto} resolved against TensorFlow's devices). */
  public Devices.Device device() {
    return device;
  }

  /** Seconds spent building the graph and the session. */
  public double buildSeconds() {
    return buildSeconds;
  }

  /** Runs {@code config.train().steps()} optimizer steps, reporting each to {@code listener}. */
  public TrainSummary train(RunListener listener) {
    return train(listener, null, 0);
  }

  /**
   * Restores the newest checkpoint of {@code checkpoints} (if any): later training continues after its
   * step with bit-identical noise. Returns the restored state, or empty when there is none.
   */
  public java.util.Optional<Checkpoints.State> resume(Checkpoints checkpoints) {
    java.util.Optional<java.nio.file.Path> latest = checkpoints.latest();
    if (latest.isEmpty()) {
      return java.util.Optional.empty();
    }
    Checkpoints.State st = checkpoints.restore(session, latest.get());
    stepsDone = st.step();
    skippedBefore = st.skipped();
    return java.util.Optional.of(st);
  }

  /**
   * Trains from the current position ({@link #stepsDone()}, 0 or restored) to {@code train.steps},
   * writing a checkpoint every {@code every} steps (if {@code every > 0}) and after the last step (if
   * {@code checkpoints} is not null).
   */
  public TrainSummary train(RunListener listener, Checkpoints checkpoints, int every) {
    int steps = config.train().steps();
    if (!program.trainable) {
      listener.onInfo("sampler has no trainable parameters: training skipped");
      return new TrainSummary(0, 0, 0, buildSeconds, Map.of(), trainableParameters());
    }
    long start = System.nanoTime();
    long curveNanos = 0; // curve evaluations, excluded from the training seconds
    int curveEvery = program.curveChunk > 0 ? config.eval().every() : 0;
    int curvePoints = 0;
    if (curveEvery > 0 && stepsDone == 0) {
      curveNanos += curvePoint(listener, new CurveAt(0, 0.0, Double.NaN));
      curvePoints++;
    }
    int skipped = skippedBefore;
    int consecutive = 0;
    Map<String, Double> lastDiag = Map.of();
    List<String> diagNames = new ArrayList<>(program.diagnostics.keySet());
    for (int step = stepsDone + 1; step <= steps; step++) {
      int updates = step - 1 - skipped;
      double lr = lrSchedule.rate(step, updates);
      double[] fetched = computeGradients(step, lr, updates, diagNames);
      double loss = fetched[0];
      double norm = fetched[1];
      Map<String, Double> diag = new LinkedHashMap<>();
      for (int i = 0; i < diagNames.size(); i++) {
        diag.put(diagNames.get(i), fetched[2 + i]);
      }
      LossGate.Verdict verdict = program.lossGate.check(loss, norm, updates);
      boolean applied = verdict == LossGate.Verdict.APPLIED;
      diag.putAll(program.scalarSchedules.values(updates));
      if (program.lossGate.hasThreshold()) {
        diag.put("scheduled.max_loss", program.lossGate.threshold(updates));
      }
      if (applied) {
        applyUpdate(lr, updates + 1);
        consecutive = 0;
        lastDiag = diag;
      } else {
        skipped++;
        consecutive++;
        listener.onInfo(program.lossGate.message(verdict, step, loss, norm, updates, skipped));
        if (consecutive >= config.train().maxSkips()) {
          throw new TrainingDivergedException(String.format(
              "training diverged: %d consecutive skipped steps (non-finite, or above train.maxLoss; last at "
                  + "step %d); try a smaller train.lr, the divergence's maxLogRnd filter or a larger "
                  + "train.maxLoss", consecutive, step));
        }
      }
      stepsDone = step;
      skippedBefore = skipped;
      double seconds = (System.nanoTime() - start - curveNanos) / 1e9;
      listener.onStep(new StepRecord(step, loss, lr, norm, seconds, !applied, diag));
      if (curveEvery > 0 && (step % curveEvery == 0 || step == steps)) {
        curveNanos += curvePoint(listener, new CurveAt(step, seconds, loss));
        curvePoints++;
      }
      boolean stop = checkpoints != null && checkpoints.stopRequested(); // reliability: SIGINT/SIGTERM
      if (checkpoints != null && ((every > 0 && step % every == 0) || step == steps || stop)) {
        checkpoints.save(session, step, skipped);
      }
      if (stop && step < steps) {
        throw new TrainingInterruptedException(step);
      }
    }
    if (curvePoints > 0) {
      listener.onInfo(String.format(java.util.Locale.ROOT,
          "learning curve: %d evaluations of %d trajectories, %.1f s (not counted as training time)",
          curvePoints, config.eval().curveBatch(), curveNanos / 1e9));
    }
    return new TrainSummary(steps, skipped, (System.nanoTime() - start - curveNanos) / 1e9, buildSeconds,
        lastDiag, trainableParameters());
  }

  /** Where a curve point is taken: step, training seconds so far, the step's loss. */
  private record CurveAt(int step, double seconds, double loss) {}

  /** Evaluates one curve point and hands it to {@code listener}; returns the nanoseconds it took. */
  private long curvePoint(RunListener listener, CurveAt at) {
    long t0 = System.nanoTime();
    listener.onCurve(new CurvePoint(at.step(), at.seconds(), at.loss(), evaluateCurve()));
    return System.nanoTime() - t0;
  }

  /**
   * The number of trainable scalars of the run: every variable of the graph context (sampler controls and
   * any divergence parameter). Compare with the reference's parameter count (docs/math.md §6).
   */
  public long trainableParameters() {
    long n = 0;
    for (var t : program.ctx.trainables()) {
      long size = 1;
      for (long d : t.shape()) {
        size *= d;
      }
      n += size;
    }
    return n;
  }

  /**
   * Learning rate at 1-based step {@code step} after {@code updates} applied updates ({@code train.lrSchedule}).
   */
  double learningRate(int step, int updates) {
    return lrSchedule.rate(step, updates);
  }

  /** The updates applied so far (steps done minus skipped steps): the position of every schedule. */
  int updatesApplied() {
    return stepsDone - skippedBefore;
  }

  private double[] computeGradients(int step, double lr, int updates, List<String> diagNames) {
    if (program.hostGradients != null) {
      List<Operand<TFloating>> extra = new ArrayList<>();
      diagNames.forEach(n -> extra.add(program.diagnostics.get(n)));
      double[] v = program.hostGradients.compute(session, new long[] {config.seed(), step},
          r -> program.scalarSchedules.feed(r, updates), extra);
      double[] out = new double[2 + diagNames.size()];
      out[0] = v[0];
      System.arraycopy(v, 1, out, 2, diagNames.size());
      try (Result res = session.runner().fetch(program.bufferNorm).run()) {
        out[1] = TensorData.scalar(res.get(0));
      }
      return out;
    }
    boolean chunked = !program.chunkOps.isEmpty();
    double[] out = new double[2 + diagNames.size()];
    List<Tensor> scheduled = new ArrayList<>();
    try (TInt64 seed = TInt64.vectorOf(config.seed(), step);
        Tensor lrT = scalarTensor(lr)) {
      Session.Runner r =
          session.runner().feed(program.trainSeed, seed).feed(program.lr, lrT)
              .addTarget(program.computeGradients).fetch(program.loss);
      scheduled.addAll(program.scalarSchedules.feed(r, updates));
      if (!chunked) {
        r.fetch(program.gradNorm);
      }
      for (String n : diagNames) {
        r.fetch(program.diagnostics.get(n));
      }
      try (Result res = r.run()) {
        int j = 0;
        out[0] = TensorData.scalar(res.get(j++));
        if (!chunked) {
          out[1] = TensorData.scalar(res.get(j++));
        }
        for (int i = 0; i < diagNames.size(); i++) {
          out[2 + i] = TensorData.scalar(res.get(j++));
        }
      }
    } finally {
      scheduled.forEach(Tensor::close);
    }
    if (chunked) {
      for (var op : program.chunkOps) {
        Session.Runner r = session.runner().addTarget(op);
        List<Tensor> fed = program.scalarSchedules.feed(r, updates);
        try {
          r.run().close();
        } finally {
          fed.forEach(Tensor::close);
        }
      }
      try (Result res = session.runner().fetch(program.bufferNorm).run()) {
        out[1] = TensorData.scalar(res.get(0));
      }
    }
    return out;
  }

  /** Applies the buffered gradients as the {@code u}-th update (1-based), with the EMA's action for u. */
  private void applyUpdate(double lr, int u) {
    WeightAverage ema = program.ema;
    WeightAverage.Action action = ema == null ? WeightAverage.Action.NONE : ema.action(u);
    try (Tensor lrT = scalarTensor(lr);
        Tensor decayT = scalarTensor(action == WeightAverage.Action.AVERAGE ? ema.decay(u) : 0.0)) {
      Session.Runner r = session.runner().feed(program.lr, lrT);
      if (action == WeightAverage.Action.NONE) {
        r.addTarget(program.applyUpdate);
      } else {
        r.feed(program.emaDecay, decayT).addTarget(ema.op(action));
      }
      r.run().close();
    }
  }

  private Tensor scalarTensor(double v) {
    return program.ctx.isDouble() ? TFloat64.scalarOf(v) : TFloat32.scalarOf((float) v);
  }

  /** Evaluates {@code config.eval().batch()} trajectories, streamed in chunks of the eval graph's batch. */
  public EvalResult evaluate() {
    long start = System.nanoTime();
    int total = config.eval().batch();
    int chunk = program.evalBatch;
    Trajectories t = trajectories(total, chunk, 1_000_000L, program.evalLogRnd, program.evalLogRndNoIto,
        program.evalSamples);
    TargetPathEval targetPath = evaluateTargetPaths(total, chunk, program.targetSamples, program.evalTargetLogRnd,
        3_000_000L, config.seed() + 104729);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EvalResult(t.logRnd, t.noIto, t.samples, seconds, controlError(total), targetPath);
  }

  /**
   * Evaluates {@code eval.curveBatch} trajectories for the learning curve, streamed in chunks, with the
   * target-path rnd of as many exact target samples (forward ESS, EUBO) when the run has one; the noise
   * (seeds [seed + 7919, 4·10⁶ + chunk] and [seed + 7919, 5·10⁶ + chunk], target samples seed + 104730) is
   * the same at every call, so successive points differ only by the training in between. The control
   * error is not part of the curve (skipped with that reason).
   *
   * @throws IllegalStateException if the run has no learning curve ({@code eval.every} = 0)
   */
  public EvalResult evaluateCurve() {
    if (program.curveChunk == 0) {
      throw new IllegalStateException("no learning-curve evaluation in this run (eval.every=0)");
    }
    long start = System.nanoTime();
    int total = config.eval().curveBatch();
    int chunk = program.curveChunk;
    Trajectories t = trajectories(total, chunk, 4_000_000L, program.curveLogRnd, program.curveLogRndNoIto,
        program.curveSamples);
    TargetPathEval targetPath = evaluateTargetPaths(total, chunk, program.curveTargetSamples,
        program.curveTargetLogRnd, 5_000_000L, config.seed() + 104730);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EvalResult(t.logRnd, t.noIto, t.samples, seconds,
        ControlErrorResult.skipped("not computed on the learning curve"), targetPath);
  }

  /** log-RND with and without the Itô term and the samples of one evaluation. */
  private record Trajectories(double[] logRnd, double[] noIto, double[][] samples) {}

  /**
   * {@code total} trajectories in chunks of {@code chunk} with seeds [seed + 7919, seedBase + c], through the
   * chunk graph when the run has one (its batch is then {@code chunk}), else the given unrolled outputs.
   */
  private Trajectories trajectories(int total, int chunk, long seedBase, Operand<TFloating> logRndOp,
      Operand<TFloating> noItoOp, Operand<TFloating> samplesOp) {
    int chunks = (total + chunk - 1) / chunk;
    double[] logRnd = new double[total];
    double[] noIto = new double[total];
    double[][] samples = new double[total][];
    int filled = 0;
    for (int c = 0; c < chunks; c++) {
      if (program.evalChunks != null) {
        try (Fed fed = new Fed()) {
          double[][] v = program.evalChunks.run(session, new long[] {config.seed() + 7919, seedBase + c}, fed::feed);
          int n = Math.min(chunk, total - filled);
          int d = v[2].length / chunk;
          System.arraycopy(v[0], 0, logRnd, filled, n);
          System.arraycopy(v[1], 0, noIto, filled, n);
          for (int i = 0; i < n; i++) {
            samples[filled + i] = java.util.Arrays.copyOfRange(v[2], i * d, (i + 1) * d);
          }
          filled += n;
        }
        continue;
      }
      try (TInt64 seed = TInt64.vectorOf(config.seed() + 7919, seedBase + c);
          Fed fed = new Fed();
          Result res = fed.run(session.runner().feed(program.evalSeed, seed)
              .fetch(logRndOp).fetch(noItoOp).fetch(samplesOp))) {
        double[] a = TensorData.toDoubles(res.get(0));
        double[] b = TensorData.toDoubles(res.get(1));
        double[][] s = TensorData.toMatrix(res.get(2));
        int n = Math.min(chunk, total - filled);
        System.arraycopy(a, 0, logRnd, filled, n);
        System.arraycopy(b, 0, noIto, filled, n);
        System.arraycopy(s, 0, samples, filled, n);
        filled += n;
      }
    }
    return new Trajectories(logRnd, noIto, samples);
  }

  /**
   * The control error of the current weights over {@code total} trajectories of the sampler (docs/math.md
   * §14), streamed in chunks of the evaluation batch with their own noise; or the reason it does not apply.
   */
  public ControlErrorResult controlError(int total) {
    long start = System.nanoTime();
    ControlErrorProbe.Outcome o = program.controlErrorProbe();
    if (o.probe() == null) {
      return ControlErrorResult.skipped(o.skipped());
    }
    ControlErrorProbe probe = o.probe();
    ControlErrorProbe.Accumulator acc = probe.new Accumulator();
    int chunk = program.evalBatch;
    int filled = 0;
    for (int c = 0; filled < total; c++) {
      try (TInt64 seed = TInt64.vectorOf(config.seed() + 7919, 3_000_000L + c);
          Fed fed = new Fed()) {
        Session.Runner r = session.runner().feed(program.evalSeed, seed).fetch(probe.errors);
        if (probe.states != null) {
          r.fetch(probe.states);
        }
        try (Result res = fed.run(r)) {
          double[][] e = TensorData.toMatrix(res.get(0));
          double[][] x = probe.states == null ? null : TensorData.toMatrix(res.get(1));
          int n = Math.min(chunk, total - filled);
          acc.add(e, x, n);
          filled += n;
        }
      }
    }
    return acc.result((System.nanoTime() - start) / 1e9);
  }

  /**
   * The rnd on {@code total} target-path trajectories (docs/math.md §15), ending at exact target samples drawn
   * with seed {@code sampleSeed} (independent of the metrics' reference samples), in chunks of {@code chunk}
   * with noise seeds [seed + 7919, seedBase + c]; absent with the program's reason when the run has none.
   */
  private TargetPathEval evaluateTargetPaths(int total, int chunk,
      org.tensorflow.op.core.Placeholder<? extends TFloating> samplesIn, Operand<TFloating> logRndOp,
      long seedBase, long sampleSeed) {
    if (logRndOp == null && program.targetChunks == null) {
      return TargetPathEval.absent(program.targetPathAbsent);
    }
    int chunks = (total + chunk - 1) / chunk;
    double[][] x = program.groundTruth.sample(chunks * chunk, sampleSeed);
    double[] out = new double[total];
    int filled = 0;
    if (logRndOp == null) { // the chunk graph (its batch is the evaluation batch, as the curve's is then)
      if (chunk != program.targetChunks.batch()) {
        throw new IllegalStateException("target-path chunk graph of batch " + program.targetChunks.batch()
            + " asked for chunks of " + chunk);
      }
      for (int c = 0; c < chunks; c++) {
        double[] last = new double[chunk * x[0].length];
        for (int i = 0; i < chunk; i++) {
          System.arraycopy(x[c * chunk + i], 0, last, i * x[0].length, x[0].length);
        }
        try (Fed fed = new Fed()) {
          double[] a = program.targetChunks.logRnd(session, new long[] {config.seed() + 7919, seedBase + c}, last,
              fed::feed);
          int n = Math.min(chunk, total - filled);
          System.arraycopy(a, 0, out, filled, n);
          filled += n;
        }
      }
      return TargetPathEval.of(out);
    }
    for (int c = 0; c < chunks; c++) {
      try (TInt64 seed = TInt64.vectorOf(config.seed() + 7919, seedBase + c);
          Tensor xs = rows(x, c * chunk, chunk);
          Fed fed = new Fed();
          Result res = fed.run(session.runner().feed(program.evalSeed, seed)
              .feed(samplesIn, xs).fetch(logRndOp))) {
        double[] a = TensorData.toDoubles(res.get(0));
        int n = Math.min(chunk, total - filled);
        System.arraycopy(a, 0, out, filled, n);
        filled += n;
      }
    }
    return TargetPathEval.of(out);
  }

  /** Rows {@code [from, from + n)} of {@code x} as a tensor of the run's dtype. */
  private Tensor rows(double[][] x, int from, int n) {
    int d = x[0].length;
    if (program.ctx.isDouble()) {
      double[] flat = new double[n * d];
      for (int i = 0; i < n; i++) {
        System.arraycopy(x[from + i], 0, flat, i * d, d);
      }
      return TFloat64.tensorOf(org.tensorflow.ndarray.Shape.of(n, d), org.tensorflow.ndarray.buffer.DataBuffers.of(flat));
    }
    float[] flat = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        flat[i * d + j] = (float) x[from + i][j];
      }
    }
    return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(n, d), org.tensorflow.ndarray.buffer.DataBuffers.of(flat));
  }

  /** The run configuration. */
  RunConfig config() {
    return config;
  }

  /** True when the sampler has trainable weights (otherwise no training step exists). */
  boolean trainable() {
    return program.trainable;
  }

  /** Trajectories per evaluation run. */
  int evalBatch() {
    return program.evalBatch;
  }

  /** Matrix-product FLOPs of the control network in one training step (≈ 3 × forward). */
  long networkFlopsPerTrainStep() {
    return program.networkFlopsPerTrainStep;
  }

  /** One full training step at position {@code step} (no skip handling), for benchmarks. */
  void benchStep(int step) {
    trainStep(step, List.of());
  }

  /** One evaluation chunk run with a benchmark seed, for benchmarks. */
  void benchEvalChunk(int c) {
    runEvalChunk(c);
  }

  private void trainStep(int step, List<String> diagNames) {
    double lr = learningRate(Math.min(step, config.train().steps()), step - 1);
    computeGradients(step, lr, step - 1, diagNames);
    applyUpdate(lr, step);
  }

  private void runEvalChunk(int c) {
    if (program.evalChunks != null) {
      try (Fed fed = new Fed()) {
        program.evalChunks.run(session, new long[] {config.seed() + 7919, 2_000_000L + c}, fed::feed);
      }
      return;
    }
    try (TInt64 seed = TInt64.vectorOf(config.seed() + 7919, 2_000_000L + c);
        Fed fed = new Fed();
        Result res = fed.run(session.runner().feed(program.evalSeed, seed)
            .fetch(program.evalLogRnd).fetch(program.evalSamples))) {
      TensorData.toDoubles(res.get(0));
    }
  }

  /**
   * One evaluation run with the scheduled scalars fed at their value after the last applied update; closes
   * the fed tensors.
   */
  private final class Fed implements AutoCloseable {
    private final List<Tensor> tensors = new ArrayList<>();

    Result run(Session.Runner r) {
      feed(r);
      return r.run();
    }

    /** Feeds the scheduled scalars into {@code r} (closed with this object); returns no tensor to close. */
    List<Tensor> feed(Session.Runner r) {
      tensors.addAll(program.scalarSchedules.feed(r, updatesApplied()));
      return List.of();
    }

    @Override
    public void close() {
      tensors.forEach(Tensor::close);
    }
  }

  /** Steps completed so far. */
  public int stepsDone() {
    return stepsDone;
  }

  /** The floating operand type of the run. */
  Class<? extends TFloating> dtype() {
    return program.ctx.dtype();
  }

  /** Evaluation operands, for tests. */
  List<Operand<TFloating>> evalOperands() {
    return List.of(program.evalLogRnd, program.evalSamples);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
