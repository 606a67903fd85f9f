package dev.pathspace.experiments.engine;

import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.Floating;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TfGraphContext;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TFloating;

/**
 * Evaluation through a chunk graph (with {@code train.gradientChunk > 0}): the forward chunk runs of
 * {@link ChunkForward}, then one finish run on the fed sums that gives log-RND with and without the Itô
 * term and the samples X_N, so the evaluation graph does not grow with N either.
 */
final class ChunkEvaluation {
  private final ChunkForward forward;
  private final Operand<?> initialPh;
  private final Operand<?> runningPh;
  private final Operand<?> itoPh;
  private final Operand<?> lastPh;
  /** log-RND of the finish graph. */
  final Operand<TFloating> logRnd;
  /** log-RND without the Itô term. */
  final Operand<TFloating> logRndNoIto;
  /** X_N. */
  final Operand<TFloating> samples;

  /**
   * @param noise the evaluation noise, after the start has drawn from it
   * @param seedName the name of the fed evaluation seed
   */
  ChunkEvaluation(TfGraphContext ctx, ChunkedSimulation sim, StatelessNoise noise, String seedName, int batch, int dim) {
    Ops tf = ctx.tf();
    forward = new ChunkForward(sim, ctx.isDouble(), seedName, noise, batch, dim);
    initialPh = placeholder(ctx, batch);
    runningPh = placeholder(ctx, batch);
    itoPh = placeholder(ctx, batch);
    lastPh = placeholder(ctx, batch, dim);
    RndTerms t = sim.finish(ctx, Floating.view(initialPh), Floating.view(runningPh), Floating.view(itoPh),
        Floating.view(lastPh));
    logRnd = Floating.view(tf.withName("eval_log_rnd").identity(t.logRnd(tf)));
    logRndNoIto = Floating.view(tf.withName("eval_log_rnd_no_ito").identity(t.withoutIto(tf)));
    samples = Floating.view(tf.withName("eval_samples").identity(t.samples()));
  }

  private static Operand<?> placeholder(TfGraphContext ctx, long... shape) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<?> p = ctx.tf().placeholder((Class) ctx.dtype(), Placeholder.shape(Shape.of(shape)));
    return p;
  }

  /** log-RND, log-RND without Itô and the samples ({@code [B·d]} row-major) of one evaluation batch. */
  double[][] run(Session session, long[] seed, Function<Session.Runner, List<Tensor>> feed) {
    ChunkForward.Pass pass = forward.forward(session, seed, feed, false);
    int b = forward.batch();
    try (Tensor a = forward.floating(pass.initial(), b); Tensor r = forward.floating(pass.running(), b);
        Tensor i = forward.floating(pass.ito(), b); Tensor l = forward.floating(pass.last(), b, forward.dim());
        ChunkForward.Fetch f = new ChunkForward.Fetch(session.runner().feed(initialPh, a).feed(runningPh, r)
            .feed(itoPh, i).feed(lastPh, l), feed)) {
      return f.run(logRnd, logRndNoIto, samples);
    }
  }
}
