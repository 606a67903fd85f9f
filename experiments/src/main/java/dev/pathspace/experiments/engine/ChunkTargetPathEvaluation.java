package dev.pathspace.experiments.engine;

import dev.pathspace.api.ChunkedTargetPath;
import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TfGraphContext;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The target-path rnd (EUBO, forward ESS; docs/math.md §15) of a chunk-graph run: X_N (exact target samples)
 * is fed to the last chunk, the ⌈N/K⌉ chunk runs go from the last chunk to the first with the state carried
 * backwards and the running and Itô sums accumulated on the host, then one finish run gives the rnd, so
 * that the forward metrics need no N-step graph. Step k's noise key is that of the unrolled target path's
 * draw at step k ({@link ChunkedTargetPath#draw}), so both give the same trajectories.
 */
final class ChunkTargetPathEvaluation {
  private final ChunkedTargetPath path;
  private final boolean isDouble;
  private final long stream;
  private final long drawsBefore;
  private final int batch;
  private final int dim;
  private final Operand<?> firstPh;
  private final Operand<?> runningPh;
  private final Operand<?> itoPh;
  private final Operand<?> lastPh;
  private final Operand<TFloating> logRnd;

  /**
   * @param noise the request's noise, in the state it had when {@code path} was built
   */
  ChunkTargetPathEvaluation(TfGraphContext ctx, ChunkedTargetPath path, StatelessNoise noise, int batch, int dim,
      String name) {
    this.path = path;
    this.isDouble = ctx.isDouble();
    this.stream = noise.stream();
    this.drawsBefore = noise.draws();
    this.batch = batch;
    this.dim = dim;
    firstPh = placeholder(ctx, batch, dim);
    runningPh = placeholder(ctx, batch);
    itoPh = placeholder(ctx, batch);
    lastPh = placeholder(ctx, batch, dim);
    logRnd = Floating.view(ctx.tf().withName(name).identity(path.finish(ctx, Floating.view(firstPh),
        Floating.view(runningPh), Floating.view(itoPh), Floating.view(lastPh)).logRnd(ctx.tf())));
  }

  private static Operand<?> placeholder(TfGraphContext ctx, long... shape) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<?> p = ctx.tf().placeholder((Class) ctx.dtype(), Placeholder.shape(Shape.of(shape)));
    return p;
  }

  /** The batch of the chunk graph. */
  int batch() {
    return batch;
  }

  /**
   * The rnd of the {@code batch} target paths ending at {@code last} ({@code [B·d]} row-major) with the noise
   * of the fed {@code seed}.
   */
  double[] logRnd(Session session, long[] seed, double[] last, Function<Session.Runner, List<Tensor>> feed) {
    int k = path.chunk();
    int chunks = (path.steps() + k - 1) / k;
    double[] x = last;
    double[] running = new double[batch];
    double[] ito = new double[batch];
    for (int c = chunks - 1; c >= 0; c--) {
      int firstStep = c * k;
      double[] v = path.stepInputValues(firstStep);
      long[] kv = new long[2 * k];
      for (int j = 0; j < k; j++) {
        long draw = path.draw(firstStep + j);
        long[] key = StatelessNoise.key(seed, stream, drawsBefore + Math.max(draw, 1));
        kv[2 * j] = key[0];
        kv[2 * j + 1] = key[1];
      }
      try (Tensor state = ChunkForward.floating(isDouble, x, batch, dim);
          Tensor steps = ChunkForward.floating(isDouble, v, v.length / k, k);
          Tensor keys = TInt64.tensorOf(Shape.of(k, 2), DataBuffers.of(kv, true, false));
          ChunkForward.Fetch f = new ChunkForward.Fetch(session.runner().feed(path.stateIn(), state)
              .feed(path.stepInputs(), steps).feed(path.noiseKeys(), keys), feed)) {
        double[][] r = f.run(path.stateOut(), path.running(), path.ito());
        x = r[0];
        ChunkForward.add(running, r[1]);
        ChunkForward.add(ito, r[2]);
      }
    }
    try (Tensor a = ChunkForward.floating(isDouble, x, batch, dim);
        Tensor r = ChunkForward.floating(isDouble, running, batch);
        Tensor i = ChunkForward.floating(isDouble, ito, batch);
        Tensor l = ChunkForward.floating(isDouble, last, batch, dim);
        ChunkForward.Fetch f = new ChunkForward.Fetch(session.runner().feed(firstPh, a).feed(runningPh, r)
            .feed(itoPh, i).feed(lastPh, l), feed)) {
      return f.run(logRnd)[0];
    }
  }
}
