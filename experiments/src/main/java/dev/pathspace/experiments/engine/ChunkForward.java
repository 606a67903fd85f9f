package dev.pathspace.experiments.engine;

import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * The host side of a {@link ChunkedSimulation}'s forward pass: the start run with the fed seed, then
 * ⌈N/K⌉ chunk runs with the state carried between them, each fed its step inputs and the noise keys
 * {@link StatelessNoise#key} of the draws the unrolled simulation would make at its steps.
 */
final class ChunkForward {
  /**
   * One forward pass.
   *
   * @param initial the initial terms {@code [B]}
   * @param running Σ running over all chunks {@code [B]}
   * @param ito Σ Itô terms {@code [B]}
   * @param last X_N, {@code [B·d]} row-major
   * @param boundaries the state at the first step of each chunk (empty unless requested)
   */
  record Pass(double[] initial, double[] running, double[] ito, double[] last, double[][] boundaries) {}

  private final ChunkedSimulation sim;
  private final boolean isDouble;
  private final String seedName;
  private final long stream;
  private final long firstStepDraw;
  private final int batch;
  private final int dim;

  /**
   * @param seedName name of the fed seed placeholder of the start
   * @param noise the request's noise, after the start has drawn from it
   */
  ChunkForward(ChunkedSimulation sim, boolean isDouble, String seedName, StatelessNoise noise, int batch, int dim) {
    this.sim = sim;
    this.isDouble = isDouble;
    this.seedName = seedName;
    this.stream = noise.stream();
    this.firstStepDraw = noise.draws() + 1;
    this.batch = batch;
    this.dim = dim;
  }

  ChunkedSimulation sim() {
    return sim;
  }

  int batch() {
    return batch;
  }

  int dim() {
    return dim;
  }

  /** Number of chunk runs ⌈N/K⌉. */
  int chunks() {
    return (sim.steps() + sim.chunk() - 1) / sim.chunk();
  }

  /** Runs the start and every chunk for the fed {@code seed}. */
  Pass forward(Session session, long[] seed, Function<Session.Runner, List<Tensor>> feed, boolean keepBoundaries) {
    double[][] start;
    try (Tensor seedT = TInt64.vectorOf(seed[0], seed[1]);
        Fetch f = new Fetch(session.runner().feed(seedName, seedT), feed)) {
      start = f.run(sim.startState(), sim.startInitial());
    }
    double[] x = start[0];
    double[] running = new double[batch];
    double[] ito = new double[batch];
    int chunks = chunks();
    double[][] boundaries = new double[keepBoundaries ? chunks : 0][];
    for (int c = 0; c < chunks; c++) {
      if (keepBoundaries) {
        boundaries[c] = x;
      }
      try (Inputs in = inputs(c, seed, x);
          Fetch f = new Fetch(in.feed(session.runner()), feed)) {
        double[][] r = f.run(sim.stateOut(), sim.running(), sim.ito());
        x = r[0];
        add(running, r[1]);
        add(ito, r[2]);
      }
    }
    return new Pass(start[1], running, ito, x, boundaries);
  }

  /** The fed state, step inputs and noise keys of chunk {@code c} (closed after the run). */
  Inputs inputs(int c, long[] seed, double[] x) {
    return new Inputs(c * sim.chunk(), seed, x);
  }

  /** A tensor of the run's dtype. */
  Tensor floating(double[] v, long... shape) {
    return floating(isDouble, v, shape);
  }

  /** A float64 ({@code isDouble}) or float32 tensor of {@code v}. */
  static Tensor floating(boolean isDouble, double[] v, long... shape) {
    if (isDouble) {
      return TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(v, true, false));
    }
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(f, true, false));
  }

  /** acc += v, elementwise. */
  static void add(double[] acc, double[] v) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += v[i];
    }
  }

  /** The fed inputs of one chunk. */
  final class Inputs implements AutoCloseable {
    private final Tensor state;
    private final Tensor steps;
    private final Tensor keys;

    private Inputs(int firstStep, long[] seed, double[] x) {
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

  /**
   * One run with the scheduled scalars fed, fetching each distinct output once (the same output may
   * stand for several values, e.g. an Add's gradient for both summands) and copying the values out.
   */
  static final class Fetch implements AutoCloseable {
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
