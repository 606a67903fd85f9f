package dev.pathspace.samplers.nn;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** A fully connected layer {@code x·W + b} whose variables are created (or shared) through the context. */
final class Dense {
  private final Operand<TFloating> w;
  private final Operand<TFloating> b;

  private Dense(Operand<TFloating> w, Operand<TFloating> b) {
    this.w = w;
    this.b = b;
  }

  /** PyTorch-default initialised layer {@code in → out}. */
  static Dense create(GraphContext g, String name, int in, int out) {
    return create(g, name, in, out, 1.0);
  }

  /** PyTorch-default initialised layer {@code in → out} with learning-rate scale {@code lrScale}. */
  static Dense create(GraphContext g, String name, int in, int out, double lrScale) {
    double bound = 1.0 / Math.sqrt(in);
    return new Dense(
        g.trainable(
            name + "/w", Init.uniform(g.seed(), name + "/w", in * out, bound), new long[] {in, out}, lrScale),
        g.trainable(name + "/b", Init.uniform(g.seed(), name + "/b", out, bound), new long[] {out}, lrScale));
  }

  /** A layer with constant initial weight and bias (zero-initialised output layers, unit gains). */
  static Dense constant(GraphContext g, String name, int in, int out, double w0, double b0) {
    return constant(g, name, in, out, w0, b0, 1.0);
  }

  /** {@link #constant(GraphContext, String, int, int, double, double)} with a learning-rate scale. */
  static Dense constant(
      GraphContext g, String name, int in, int out, double w0, double b0, double lrScale) {
    return new Dense(
        g.trainable(name + "/w", Init.constant(in * out, w0), new long[] {in, out}, lrScale),
        g.trainable(name + "/b", Init.constant(out, b0), new long[] {out}, lrScale));
  }

  Operand<TFloating> apply(GraphContext g, Operand<TFloating> x) {
    return Floating.view(g.tf().nn.biasAdd(g.tf().linalg.matMul(x, w), b));
  }

  /** {@code x·W} without the bias (the bias is folded into the time term). */
  Operand<TFloating> applyNoBias(GraphContext g, Operand<TFloating> x) {
    return Floating.view(g.tf().linalg.matMul(x, w));
  }

  Operand<TFloating> bias() {
    return b;
  }

  /** The weight matrix {@code [in, out]}. */
  Operand<TFloating> weight() {
    return w;
  }
}
