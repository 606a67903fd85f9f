package dev.pathspace.samplers.nn;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Fourier time embedding of docs/math.md §6.1: e(t) = [sin(ωt + φ), cos(ωt + φ)], ω = linspace(0.1, 100, C),
 * learned phases φ ~ N(0,1), followed by Linear(2C→H), act, (extra hidden layers: [Linear(H→H), act]),
 * Linear(H→out) (variables {@code phase}, {@code l1}, {@code h1..}, {@code l2}). Evaluated once for all grid
 * times of an unroll ({@code [N, out]}) and unstacked into one row per step, which keeps the graph small.
 */
final class TimeEmbedding {
  private final String name;
  private final int channels;
  private final int hidden;
  private final int out;
  private final Activation act;
  private final double outWeight;
  private final double outBias;
  private final boolean defaultOut;
  private final double lrScale;
  private final int extraHidden;

  TimeEmbedding(String name, int channels, int hidden, int out, Activation act, double lrScale) {
    this(name, channels, hidden, out, act, 0, 0, true, lrScale, 0);
  }

  TimeEmbedding(
      String name,
      int channels,
      int hidden,
      int out,
      Activation act,
      double outWeight,
      double outBias,
      boolean defaultOut,
      double lrScale,
      int extraHidden) {
    this.name = name;
    this.channels = channels;
    this.hidden = hidden;
    this.out = out;
    this.act = act;
    this.outWeight = outWeight;
    this.outBias = outBias;
    this.defaultOut = defaultOut;
    this.lrScale = lrScale;
    this.extraHidden = extraHidden;
  }

  /**
   * A gain network with constant output layer (weight {@code w0}, bias {@code b0}) and {@code extraHidden}
   * hidden H→H layers after the first.
   */
  static TimeEmbedding gain(
      String name,
      int channels,
      int hidden,
      int out,
      Activation act,
      double w0,
      double b0,
      double lrScale,
      int extraHidden) {
    return new TimeEmbedding(name, channels, hidden, out, act, w0, b0, false, lrScale, extraHidden);
  }

  /** Number of trainable scalars: C + (2C·H + H) + extra·(H² + H) + (H·out + out). */
  long parameterCount() {
    long c = channels;
    long h = hidden;
    return c + (2 * c * h + h) + extraHidden * (h * h + h) + (h * out + out);
  }

  /** Rows e_k for the given times: a list of N operands of shape {@code [1, out]}. */
  List<Operand<TFloating>> rows(GraphContext g, double[] times) {
    int n = times.length;
    double[] omega = omega();
    double[] arg = new double[n * channels];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < channels; i++) {
        arg[k * channels + i] = omega[i] * times[k];
      }
    }
    return rowsOf(g, g.constant(arg, n, channels), n);
  }

  /**
   * Rows e_k for fed times ({@code [n]}, e.g. one chunk's steps): the same values as {@link
   * #rows(GraphContext, double[])} for the same times (ω·t is one IEEE product either way).
   */
  List<Operand<TFloating>> rows(GraphContext g, Operand<TFloating> times, int n) {
    Ops tf = g.tf();
    Operand<TFloating> arg = Floating.view(tf.math.mul(
        tf.expandDims(times, tf.constant(1)), g.constant(omega(), 1, channels)));
    return rowsOf(g, arg, n);
  }

  private double[] omega() {
    double[] omega = new double[channels];
    for (int i = 0; i < channels; i++) {
      omega[i] = channels == 1 ? 0.1 : 0.1 + (100.0 - 0.1) * i / (channels - 1);
    }
    return omega;
  }

  private List<Operand<TFloating>> rowsOf(GraphContext g, Operand<TFloating> arg, int n) {
    Ops tf = g.tf();
    Operand<TFloating> phase =
        g.trainable(
            name + "/phase",
            Init.normal(g.seed(), name + "/phase", channels),
            new long[] {1, channels},
            lrScale);
    Operand<TFloating> a = Floating.view(tf.math.add(arg, phase));
    Operand<TFloating> feat =
        Floating.view(tf.concat(List.of(tf.math.sin(a), tf.math.cos(a)), tf.constant(1)));
    Operand<TFloating> h = act.apply(g, Dense.create(g, name + "/l1", 2 * channels, hidden, lrScale).apply(g, feat));
    for (int l = 1; l <= extraHidden; l++) {
      h = act.apply(g, Dense.create(g, name + "/h" + l, hidden, hidden, lrScale).apply(g, h));
    }
    Dense last =
        defaultOut
            ? Dense.create(g, name + "/l2", hidden, out, lrScale)
            : Dense.constant(g, name + "/l2", hidden, out, outWeight, outBias, lrScale);
    Operand<TFloating> table = last.apply(g, h);
    if (n == 1) {
      return List.of(table);
    }
    return tf.unstack(table, (long) n, org.tensorflow.op.core.Unstack.axis(0L)).output().stream()
        .map(o -> Floating.view(tf.expandDims(o, tf.constant(0))))
        .toList();
  }
}
