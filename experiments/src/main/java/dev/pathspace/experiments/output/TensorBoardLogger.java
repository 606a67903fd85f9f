package dev.pathspace.experiments.output;

import dev.pathspace.experiments.engine.StepRecord;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes TensorBoard event files ({@code events.out.tfevents.*.pathspace}) with TF's own summary ops in a
 * small Graph/Session of its own (TF Java docs/tensorflow-notes.md §7), so the model graph stays untouched. Scalars:
 * {@code train/loss}, {@code train/lr}, {@code train/grad_norm}, {@code diagnostics/<name>} every
 * {@code logEvery} steps and at the last reported step, {@code eval/curve/<metric>} (and {@code eval/curve/loss}) at every learning-curve point
 * ({@code eval.every}, the same values as {@code curves.csv}), {@code eval/<metric>} at the end. A resumed run
 * adds a second event file; TensorBoard merges them by step.
 */
public final class TensorBoardLogger implements Tracker {
  /** Tag prefix of the learning-curve scalars ({@code eval.every}). */
  public static final String CURVE_PREFIX = "eval/curve/";

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat64> value;
  private final Op write;
  private final Op flush;
  private final Op close;
  private final int logEvery;
  private boolean closed;

  /** Creates {@code dir} and an event file in it. */
  public TensorBoardLogger(Path dir, int logEvery) {
    this.logEvery = Math.max(1, logEvery);
    Ops tf = Ops.create(graph);
    SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("pathspace_tb"));
    Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(dir.toAbsolutePath().toString()),
        tf.constant(100), tf.constant(5000), tf.constant(".pathspace"));
    step = tf.placeholder(TInt64.class);
    tag = tf.placeholder(TString.class);
    value = tf.placeholder(TFloat64.class);
    write = tf.summary.writeScalarSummary(writer, step, tag, value);
    flush = tf.summary.flushSummaryWriter(writer);
    close = tf.summary.closeSummaryWriter(writer);
    session = new Session(graph);
    try {
      java.nio.file.Files.createDirectories(dir);
      session.runner().addTarget(create).run().close();
    } catch (java.io.IOException | RuntimeException e) {
      session.close();
      graph.close();
      throw new IllegalStateException("cannot create TensorBoard writer in " + dir + ": " + e, e);
    }
  }

  @Override
  public void onStep(StepRecord r) {
    if (r.step() % logEvery != 0) {
      return;
    }
    scalar(r.step(), "train/loss", r.loss());
    scalar(r.step(), "train/lr", r.lr());
    scalar(r.step(), "train/grad_norm", r.gradNorm());
    if (r.diagnostics() != null) {
      r.diagnostics().forEach((k, v) -> scalar(r.step(), "diagnostics/" + k, v));
    }
  }

  @Override
  public void onEval(int atStep, Map<String, Object> metrics) {
    metrics.forEach((k, v) -> {
      if (v instanceof Number n) {
        scalar(atStep, "eval/" + k, n.doubleValue());
      }
    });
    session.runner().addTarget(flush).run().close();
  }

  /** The learning-curve point's numeric metrics as {@code eval/curve/<metric>}, flushed. */
  @Override
  public void onCurve(int atStep, Map<String, Object> metrics) {
    metrics.forEach((k, v) -> {
      if (v instanceof Number n) {
        scalar(atStep, CURVE_PREFIX + k, n.doubleValue());
      }
    });
    session.runner().addTarget(flush).run().close();
  }

  /** Writes one scalar (NaN and infinities are written as they are). */
  public void scalar(long atStep, String name, double v) {
    try (TInt64 s = TInt64.scalarOf(atStep);
        TString t = TString.scalarOf(name);
        TFloat64 x = TFloat64.scalarOf(v)) {
      session.runner().feed(step, s).feed(tag, t).feed(value, x).addTarget(write).run().close();
    }
  }

  /** Flushes and closes the event file (separate runs, docs/tensorflow-notes.md §7), then the session and graph. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.runner().addTarget(flush).run().close();
      session.runner().addTarget(close).run().close();
    } finally {
      session.close();
      graph.close();
    }
  }
}
