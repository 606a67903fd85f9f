package dev.pathspace.samplers.nn;

import dev.pathspace.api.F;
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
    double bound = 1.0 / Math.sqrt(in);
    return new Dense(
        g.trainable(name + "/w", Init.uniform(g.seed(), name + "/w", in * out, bound), in, out),
        g.trainable(name + "/b", Init.uniform(g.seed(), name + "/b", out, bound), out));
  }

  /** A layer with constant initial weight and bias (zero-initialised output layers, unit gains). */
  static Dense constant(GraphContext g, String name, int in, int out, double w0, double b0) {
    return new Dense(
        g.trainable(name + "/w", Init.constant(in * out, w0), in, out),
        g.trainable(name + "/b", Init.constant(out, b0), out));
  }

  Operand<TFloating> apply(GraphContext g, Operand<TFloating> x) {
    return F.f(g.tf().nn.biasAdd(g.tf().linalg.matMul(x, w), b));
  }

  /** {@code x·W} without the bias (the bias is folded into the time term). */
  Operand<TFloating> applyNoBias(GraphContext g, Operand<TFloating> x) {
    return F.f(g.tf().linalg.matMul(x, w));
  }

  Operand<TFloating> bias() {
    return b;
  }
}
