package dev.pathspace.experiments.engine;

import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.experiments.config.TrainSettings.EmaWarmup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * Exponential moving average of the weights (graph variables {@code ema/<name>}, initialised to the initial
 * weights, saved in checkpoints), which the evaluation graph reads. Follows the reference's EMA: with
 * u the number of updates applied so far (after the current one), nothing happens unless u is a multiple
 * of {@code emaEvery}; for u ≤ {@code emaStart} the shadows become copies of the weights; otherwise
 * shadow ← shadow − (1 − decay(u))(shadow − θ) with the {@link EmaWarmup} rule. All decisions are host-side
 * functions of u, so resuming from a checkpoint continues the average exactly.
 */
final class WeightAverage {
  /** What the EMA does after an update. */
  enum Action {
    /** Shadows unchanged. */
    NONE,
    /** Shadows ← weights. */
    COPY,
    /** Shadows move towards the weights with the fed decay. */
    AVERAGE
  }

  private final TrainSettings settings;
  private final List<Variable<TFloating>> shadows = new ArrayList<>();
  private final Map<String, Variable<TFloating>> byName = new LinkedHashMap<>();
  private Op copy;
  private Op average;

  /** @param settings {@code train.ema*} settings; {@code emaDecay > 0} */
  WeightAverage(TrainSettings settings) {
    this.settings = settings;
  }

  /** True when {@code train.emaDecay > 0}. */
  static boolean enabled(TrainSettings t) {
    return t.emaDecay() > 0;
  }

  /**
   * Builds the shadows and the two update ops, each control-dependent on {@code after} (the optimizer's
   * update) so one session run applies both; {@code decay} is the fed decay of {@link Action#AVERAGE}.
   */
  void build(TfGraphContext ctx, List<TfGraphContext.Trainable> vars, Op after, Operand<TFloating> decay) {
    Ops tf = ctx.tf();
    Ops dep = tf.withControlDependencies(List.of(after));
    List<Op> copies = new ArrayList<>();
    List<Op> averages = new ArrayList<>();
    for (TfGraphContext.Trainable t : vars) {
      Variable<TFloating> sh = GraphVariables.castVar(
          tf.withName(TfGraphContext.opName("ema/" + t.name()))
              .variable(ctx.constantIn(tf.withInitScope(), t.init(), t.shape())));
      shadows.add(sh);
      byName.put(t.name(), sh);
      copies.add(dep.assign(sh, dep.identity(t.variable())));
      // shadow ← shadow − (1 − decay)(shadow − param)
      averages.add(dep.assign(sh, dep.math.sub(sh, dep.math.mul(
          dep.math.sub(ctx.scalar(1.0), decay), dep.math.sub(sh, t.variable())))));
    }
    copy = tf.withControlDependencies(copies).withName("ema_copy").noOp();
    average = tf.withControlDependencies(averages).withName("ema_average").noOp();
  }

  /** The action after the u-th applied update (u ≥ 1). */
  Action action(int u) {
    if (u % settings.emaEvery() != 0) {
      return Action.NONE;
    }
    return u <= settings.emaStart() ? Action.COPY : Action.AVERAGE;
  }

  /** The decay used by {@link Action#AVERAGE} after the u-th applied update. */
  double decay(int u) {
    double max = settings.emaDecay();
    if (settings.emaWarmup() == EmaWarmup.NUM_UPDATES) {
      return Math.min(max, (1.0 + u) / (10.0 + u));
    }
    double e = Math.max(u - settings.emaStart() - 1, 0);
    if (e <= 0) {
      return 0.0;
    }
    double value = 1 - Math.pow(1 + e / settings.emaInvGamma(), -settings.emaPower());
    return Math.min(Math.max(value, 0.0), max);
  }

  /** The op of {@code action} (null for NONE). */
  Op op(Action action) {
    return switch (action) {
      case NONE -> null;
      case COPY -> copy;
      case AVERAGE -> average;
    };
  }

  /** An evaluation view of {@code ctx} whose weight reads go to the shadows. */
  TfGraphContext view(TfGraphContext ctx) {
    return ctx.readingVia(t -> Floating.view(ctx.tf().identity(byName.get(t.name()))));
  }

  /** The shadow variables, in trainable order. */
  List<Variable<TFloating>> shadows() {
    return List.copyOf(shadows);
  }
}
