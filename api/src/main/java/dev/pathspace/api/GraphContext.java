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

  /**
   * A scalar of the run's dtype that the trainer may change during training (e.g. the reference's
   * clip-value schedule: {@code clip_model} ×5 at steps 200 and 400). {@code name} is the schedule's
   * key ({@code train.scalarSchedules.<name>}); {@code base} is the value at step 0 and the value used
   * when no schedule is configured. Contexts without training schedules return a constant.
   */
  default Operand<TFloating> scheduledScalar(String name, double base) {
    return scalar(base);
  }

  /** Casts any numeric operand to the run's dtype. */
  Operand<TFloating> cast(Operand<?> x);
}
