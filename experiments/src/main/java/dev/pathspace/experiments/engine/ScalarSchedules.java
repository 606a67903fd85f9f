package dev.pathspace.experiments.engine;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.TrainSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The configured schedules ({@code train.scalarSchedules.<name>}) of the graph's
 * {@linkplain TfGraphContext#scheduledScalar scheduled scalars}: the value after u applied updates is
 * {@code base · γ^#{m ∈ milestones : m ≤ u}} (the reference's MultiStepParams, stepped once per applied
 * update). Training feeds the value for the updates applied before each step; evaluation feeds the value
 * after the last update. Scalars without a schedule keep their base value (the placeholder's default).
 */
final class ScalarSchedules {
  private record Entry(TfGraphContext.Scheduled scalar, TrainSettings.ScalarSchedule schedule) {}

  private final List<Entry> entries = new ArrayList<>();
  private final boolean isDouble;

  /**
   * @throws ConfigException if a configured schedule names a scalar the graph does not have
   */
  ScalarSchedules(TfGraphContext ctx, TrainSettings settings) {
    this.isDouble = ctx.isDouble();
    Map<String, TfGraphContext.Scheduled> byName = new LinkedHashMap<>();
    ctx.scheduledScalars().forEach(s -> byName.put(s.name(), s));
    for (Map.Entry<String, TrainSettings.ScalarSchedule> e : settings.scalarSchedules().entrySet()) {
      TfGraphContext.Scheduled s = byName.get(e.getKey());
      if (s == null) {
        throw new ConfigException(
            "Unknown key 'train.scalarSchedules." + e.getKey() + "': no component of this run has a scheduled"
                + " scalar '" + e.getKey() + "'; valid names: " + new TreeSet<>(byName.keySet()));
      }
      entries.add(new Entry(s, e.getValue()));
    }
  }

  /** The value of scalar {@code name} with base {@code base} after {@code updates} applied updates. */
  static double value(double base, TrainSettings.ScalarSchedule schedule, int updates) {
    return base * Math.pow(schedule.gamma(), LearningRateSchedule.passed(schedule.milestones(), updates));
  }

  /** The scheduled values after {@code updates} applied updates, keyed {@code scheduled.<name>}. */
  Map<String, Double> values(int updates) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Entry e : entries) {
      out.put("scheduled." + e.scalar().name(), value(e.scalar().base(), e.schedule(), updates));
    }
    return out;
  }

  /** The values of every scheduled scalar of the graph (scheduled or not) after {@code updates} updates. */
  static Map<String, Double> finalValues(List<TfGraphContext.Scheduled> scalars, TrainSettings t, int updates) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (TfGraphContext.Scheduled s : scalars) {
      TrainSettings.ScalarSchedule sch = t.scalarSchedules().get(s.name());
      out.put(s.name(), sch == null ? s.base() : value(s.base(), sch, updates));
    }
    return out;
  }

  /** True when no schedule is configured (nothing to feed). */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Feeds the values after {@code updates} applied updates into {@code runner}; the returned tensors must
   * be closed after the run.
   */
  List<Tensor> feed(Session.Runner runner, int updates) {
    List<Tensor> tensors = new ArrayList<>();
    for (Entry e : entries) {
      double v = value(e.scalar().base(), e.schedule(), updates);
      Tensor t = isDouble ? TFloat64.scalarOf(v) : TFloat32.scalarOf((float) v);
      tensors.add(t);
      runner.feed(e.scalar().value(), t);
    }
    return tensors;
  }
}
