package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Handed to components while the trainer builds a graph (never injected): gives access to the ops
 * factory, the floating dtype of the run, constants and trainable variables. Variables are shared by
 * name, so the training and evaluation unrolls of one graph read the same weights.
 */
public interface GraphContext {
  /** The ops factory of the graph under construction. */
  Ops tf();

  /** {@code TFloat32.class} or {@code TFloat64.class}. */
  Class<? extends TFloating> dtype();

  /** A scalar constant of the run's dtype. */
  Operand<TFloating> scalar(double value);

  /** A constant of the run's dtype with the given shape (row-major values). */
  Operand<TFloating> constant(double[] values, long... shape);

  /**
   * Returns (creating it on first use) the trainable variable {@code name} initialised to {@code init}
   * with the given shape, read through an identity op (differentiating a raw variable read can crash the
   * native gradient code). {@code lrScale} multiplies the learning rate for this variable.
   */
  Operand<TFloating> trainable(String name, double[] init, long[] shape, double lrScale);

  /** {@link #trainable(String, double[], long[], double)} with learning-rate scale 1. */
  default Operand<TFloating> trainable(String name, double[] init, long... shape) {
    return trainable(name, init, shape, 1.0);
  }

  /** The run seed, for reproducible weight initialisation (mix it with the variable name). */
  long seed();

  /** Casts any numeric operand to the run's dtype. */
  Operand<TFloating> cast(Operand<?> x);
}
