package dev.pathspace.experiments.engine;

import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.TrainSettings;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.family.TFloating;

/**
 * A gradient-based update rule built into the training graph. The learning rate is a fed scalar (its
 * schedule is a {@link LearningRateSchedule}, evaluated on the host), so the rule itself holds only its
 * slot variables.
 */
interface Optimizer {
  /**
   * Returns the op that applies {@code grads} (one per trainable, already clipped) to {@code vars} with
   * learning rate {@code lr}; every slot variable it creates is a graph variable (so checkpoints hold it).
   */
  Op update(TfGraphContext g, List<TfGraphContext.Trainable> vars, List<Operand<TFloating>> grads, Operand<TFloating> lr);

  /** The rule configured by {@code train.optimizer} and its parameters. */
  static Optimizer of(TrainSettings t) {
    return switch (t.optimizer()) {
      case ADAM -> new AdamOptimizer(t.weightDecay());
    };
  }
}
