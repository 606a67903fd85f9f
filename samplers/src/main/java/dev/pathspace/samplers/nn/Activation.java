package dev.pathspace.samplers.nn;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.OptionNames;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Hidden-layer activations. tanh and relu are single TF kernels (fastest on CPU, guide §4); gelu is the
 * exact erf form used by the reference FourierMLP (spec §6.2), composed from elementwise ops.
 */
public enum Activation {
  /** Hyperbolic tangent. */
  TANH,
  /** Rectified linear unit. */
  RELU,
  /** Exact GELU, x·Φ(x) = ½x(1 + erf(x/√2)). */
  GELU,
  /** SiLU / swish, x·sigmoid(x). */
  SILU,
  /** softplus, log(1 + eˣ). */
  SOFTPLUS;

  /** The config value ({@code tanh}, {@code relu}, …). */
  @Override
  public String toString() {
    return OptionNames.of(this);
  }

  /** Parses a config value (case-insensitive), naming the valid options on failure. */
  public static Activation parse(String name) {
    return OptionNames.parse(Activation.class, "activation", name);
  }

  /** Lower-case option names. */
  public static String options() {
    return OptionNames.list(Activation.class);
  }

  /** Applies the activation elementwise. */
  public Operand<TFloating> apply(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    switch (this) {
      case TANH:
        return Floating.view(tf.math.tanh(x));
      case RELU:
        return Floating.view(tf.nn.relu(x));
      case GELU:
        Operand<TFloating> erf = Floating.view(tf.math.erf(tf.math.mul(x, g.scalar(1.0 / Math.sqrt(2.0)))));
        return Floating.view(tf.math.mul(tf.math.mul(x, g.scalar(0.5)), tf.math.add(erf, g.scalar(1.0))));
      case SILU:
        return Floating.view(tf.math.mul(x, tf.math.sigmoid(x)));
      case SOFTPLUS:
        return Floating.view(tf.math.softplus(x));
      default:
        throw new IllegalStateException("unreachable");
    }
  }

  /**
   * The derivative act'(x) elementwise, in closed form (first-order differentiable ops only, so it can be
   * back-propagated without the missing second-order *Grad kernels, guide §2.3): tanh' = 1 − tanh², relu' =
   * 1{x > 0} (constant), softplus' = sigmoid, silu' = s(1 + x(1 − s)) with s = sigmoid(x), gelu' = Φ(x) +
   * x·φ(x).
   */
  public Operand<TFloating> derivative(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    switch (this) {
      case TANH:
        return Floating.view(tf.math.sub(g.scalar(1.0), tf.math.square(tf.math.tanh(x))));
      case RELU:
        return Floating.view(tf.stopGradient(g.cast(tf.math.greater(x, g.scalar(0.0)))));
      case GELU:
        Operand<TFloating> cdf =
            Floating.view(
                tf.math.mul(
                    tf.math.add(tf.math.erf(tf.math.mul(x, g.scalar(1.0 / Math.sqrt(2.0)))), g.scalar(1.0)),
                    g.scalar(0.5)));
        Operand<TFloating> pdf =
            Floating.view(
                tf.math.mul(
                    tf.math.exp(tf.math.mul(tf.math.square(x), g.scalar(-0.5))),
                    g.scalar(1.0 / Math.sqrt(2 * Math.PI))));
        return Floating.view(tf.math.add(cdf, tf.math.mul(x, pdf)));
      case SILU:
        Operand<TFloating> sg = Floating.view(tf.math.sigmoid(x));
        return Floating.view(
            tf.math.mul(
                sg, tf.math.add(g.scalar(1.0), tf.math.mul(x, tf.math.sub(g.scalar(1.0), sg)))));
      case SOFTPLUS:
        return Floating.view(tf.math.sigmoid(x));
      default:
        throw new IllegalStateException("unreachable");
    }
  }
}
