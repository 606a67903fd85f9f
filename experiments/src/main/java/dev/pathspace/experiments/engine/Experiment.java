package dev.pathspace.experiments.engine;

import dev.pathspace.api.tf.TensorData;
import dev.pathspace.experiments.config.RunConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
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
  private int stepsDone;
  private int skippedBefore;

  private Experiment(RunConfig config, Graph graph, TrainingProgram program, Session session, double buildSeconds) {
    this.config = config;
    this.graph = graph;
    this.program = program;
    this.session = session;
    this.buildSeconds = buildSeconds;
  }

  /** Builds the training and evaluation graphs and the session (no step is run). */
  public static Experiment build(RunComponents components, RunConfig config) {
    long t0 = System.nanoTime();
    components.sampler().validate(components.schedule(), components.target());
    Graph graph = new Graph();
    try {
      TrainingProgram program = new TrainingProgram(graph, components, config);
      Session session = new Session(graph, sessionConfig(config));
      return new Experiment(config, graph, program, session, (System.nanoTime() - t0) / 1e9);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * Session settings: the configured thread pools (per session, so an earlier session cannot resize
   * them), soft placement (a GPU build falls back to the CPU), and TF's Grappler optimiser only when
   * {@code graphOptimization} is on: on this workload it turns a ~2–4 s first step into 10–25 s for at most
   * ~30 % faster steps on small configurations and none on large ones (docs/performance.md).
   */
  static ConfigProto sessionConfig(RunConfig config) {
    ConfigProto.Builder b =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(config.intraThreads())
            .setInterOpParallelismThreads(config.interThreads())
            .setUsePerSessionThreads(true)
            .setAllowSoftPlacement(true);
    if (!config.graphOptimization()) {
      b.setGraphOptions(
          GraphOptions.newBuilder()
              .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true).build())
              .build());
    }
    return b.build();
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
      return new TrainSummary(0, 0, 0, buildSeconds, Map.of());
    }
    long start = System.nanoTime();
    int skipped = skippedBefore;
    int consecutive = 0;
    Map<String, Double> lastDiag = Map.of();
    List<String> diagNames = new ArrayList<>(program.diagnostics.keySet());
    for (int step = stepsDone + 1; step <= steps; step++) {
      double lr = learningRate(step);
      double[] fetched = computeGradients(step, lr, diagNames);
      double loss = fetched[0];
      double norm = fetched[1];
      Map<String, Double> diag = new LinkedHashMap<>();
      for (int i = 0; i < diagNames.size(); i++) {
        diag.put(diagNames.get(i), fetched[2 + i]);
      }
      boolean finite = Double.isFinite(loss) && Double.isFinite(norm);
      if (finite) {
        applyUpdate(lr, step);
        consecutive = 0;
        lastDiag = diag;
      } else {
        skipped++;
        consecutive++;
        listener.onInfo(String.format(
            "step %d: non-finite %s (loss=%s, grad_norm=%s): update skipped (%d skipped so far)",
            step, Double.isFinite(loss) ? "gradient" : "loss", loss, norm, skipped));
        if (consecutive >= config.train().maxSkips()) {
          throw new TrainingDivergedException(String.format(
              "training diverged: %d consecutive non-finite steps (last at step %d); "
                  + "try a smaller train.lr or the divergence's maxLogRnd filter",
              consecutive, step));
        }
      }
      stepsDone = step;
      listener.onStep(new StepRecord(step, loss, lr, norm, (System.nanoTime() - start) / 1e9, !finite, diag));
      boolean stop = checkpoints != null && checkpoints.stopRequested(); // reliability: SIGINT/SIGTERM
      if (checkpoints != null && ((every > 0 && step % every == 0) || step == steps || stop)) {
        checkpoints.save(session, step, skipped);
      }
      if (stop && step < steps) {
        throw new TrainingInterruptedException(step);
      }
    }
    return new TrainSummary(steps, skipped, (System.nanoTime() - start) / 1e9, buildSeconds, lastDiag);
  }

  /** Learning rate at 1-based step k: geometric decay from lr to lr·lrFinalFactor at the last step. */
  double learningRate(int step) {
    int steps = config.train().steps();
    double f = config.train().lrFinalFactor();
    double frac = steps <= 1 ? 0 : (step - 1) / (double) (steps - 1);
    return config.train().lr() * Math.pow(f, frac);
  }

  private double[] computeGradients(int step, double lr, List<String> diagNames) {
    boolean chunked = !program.chunkOps.isEmpty();
    double[] out = new double[2 + diagNames.size()];
    try (TInt64 seed = TInt64.vectorOf(config.seed(), step);
        Tensor lrT = scalarTensor(lr)) {
      Session.Runner r =
          session.runner().feed(program.trainSeed, seed).feed(program.lr, lrT)
              .addTarget(program.computeGradients).fetch(program.loss);
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
    }
    if (chunked) {
      for (var op : program.chunkOps) {
        session.runner().addTarget(op).run().close();
      }
      try (Result res = session.runner().fetch(program.bufferNorm).run()) {
        out[1] = TensorData.scalar(res.get(0));
      }
    }
    return out;
  }

  private void applyUpdate(double lr, int step) {
    double decay = Math.min(config.train().emaDecay(), (1.0 + step) / (10.0 + step));
    try (Tensor lrT = scalarTensor(lr);
        Tensor decayT = scalarTensor(decay)) {
      session.runner().feed(program.lr, lrT).feed(program.emaDecay, decayT)
          .addTarget(program.applyUpdate).run().close();
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
    int chunks = (total + chunk - 1) / chunk;
    double[] logRnd = new double[total];
    double[] noIto = new double[total];
    double[][] samples = new double[total][];
    int filled = 0;
    for (int c = 0; c < chunks; c++) {
      try (TInt64 seed = TInt64.vectorOf(config.seed() + 7919, 1_000_000L + c);
          Result res = session.runner().feed(program.evalSeed, seed)
              .fetch(program.evalLogRnd).fetch(program.evalLogRndNoIto).fetch(program.evalSamples).run()) {
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
    return new EvalResult(logRnd, noIto, samples, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Benchmarks this program: {@code warmup} untimed steps, then {@code measured} timed training steps and
   * timed evaluation chunks.
   */
  public BenchResult benchmark(int warmup, int measured) {
    List<String> none = List.of();
    double firstStep = 0;
    double[] times = new double[measured];
    if (program.trainable) {
      long t0 = System.nanoTime();
      trainStep(1, none);
      firstStep = (System.nanoTime() - t0) / 1e9;
      for (int i = 1; i < warmup; i++) {
        trainStep(1 + i, none);
      }
      for (int i = 0; i < measured; i++) {
        long t = System.nanoTime();
        trainStep(warmup + 1 + i, none);
        times[i] = (System.nanoTime() - t) / 1e6;
      }
    }
    Arrays.sort(times);
    double ms = measured == 0 || !program.trainable ? Double.NaN : times[measured / 2];
    // evaluation: the configured eval.batch streamed in chunks (bounded memory), after one warm-up chunk
    runEvalChunk(0);
    long te = System.nanoTime();
    int total = config.eval().batch();
    int chunks = Math.max(1, (total + program.evalBatch - 1) / program.evalBatch);
    for (int i = 0; i < chunks; i++) {
      runEvalChunk(i + 1);
    }
    double evalRate = (double) chunks * program.evalBatch / ((System.nanoTime() - te) / 1e9);
    double gflops = program.networkFlopsPerTrainStep / (ms / 1e3) / 1e9;
    double peakRss = ResourceUsage.peakRssMb();
    double matmul = MatmulProbe.gflops(2048, 7);
    return new BenchResult(buildSeconds, firstStep, ms, 1000.0 / ms, evalRate, peakRss, gflops, matmul);
  }

  private void trainStep(int step, List<String> diagNames) {
    double lr = learningRate(Math.min(step, config.train().steps()));
    computeGradients(step, lr, diagNames);
    applyUpdate(lr, step);
  }

  private void runEvalChunk(int c) {
    try (TInt64 seed = TInt64.vectorOf(config.seed() + 7919, 2_000_000L + c);
        Result res = session.runner().feed(program.evalSeed, seed)
            .fetch(program.evalLogRnd).fetch(program.evalSamples).run()) {
      TensorData.toDoubles(res.get(0));
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
