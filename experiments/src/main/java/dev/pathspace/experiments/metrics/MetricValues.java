package dev.pathspace.experiments.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation metrics of one run in the order they were computed: metric key (a {@code summary.json}
 * key such as {@code log_z_error}) → number, or null where a metric is undefined (e.g. the error of an
 * unknown log Z), or a short text saying why a metric was skipped ({@link #putText}). Each key is set once.
 */
public final class MetricValues {
  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Sets {@code key} (a null value means "undefined for this run"). */
  public MetricValues put(String key, Number value) {
    if (values.containsKey(key)) {
      throw new IllegalStateException("metric '" + key + "' is computed twice");
    }
    values.put(key, value);
    return this;
  }

  /** Sets {@code key} to a text (e.g. why a metric does not apply to this run). */
  public MetricValues putText(String key, String text) {
    if (values.containsKey(key)) {
      throw new IllegalStateException("metric '" + key + "' is computed twice");
    }
    values.put(key, text);
    return this;
  }

  /** The value of {@code key} as a double, or NaN when it is absent, undefined or a text. */
  public double get(String key) {
    return values.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** Whether {@code key} was computed (possibly as undefined). */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The ordered read-only view, values as computed (Integer, Long, Double, String or null). */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
