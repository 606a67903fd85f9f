package dev.pathspace.experiments.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation metrics of one run in the order they were computed: metric key (a {@code summary.json}
 * key such as {@code log_z_error}) → number, or null where a metric is undefined (e.g. the error of an
 * unknown log Z). Each key is set once.
 */
public final class MetricValues {
  private final Map<String, Number> values = new LinkedHashMap<>();

  /** Sets {@code key} (a null value means "undefined for this run"). */
  public MetricValues put(String key, Number value) {
    if (values.containsKey(key)) {
      throw new IllegalStateException("metric '" + key + "' is computed twice");
    }
    values.put(key, value);
    return this;
  }

  /** The value of {@code key} as a double, or NaN when it is absent or undefined. */
  public double get(String key) {
    Number n = values.get(key);
    return n == null ? Double.NaN : n.doubleValue();
  }

  /** Whether {@code key} was computed (possibly as undefined). */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The ordered read-only view, values as computed (Integer, Long, Double or null). */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
