package dev.pathspace.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A typed reference to a registered schedule: its registry key and parameter values that replace the
 * schedule's own {@code Params.defaults()} (the user's {@code schedule.*} keys still override them). What a
 * sampler returns from {@link PathSampler#defaultSchedule()}.
 *
 * @param key registry key of the schedule, e.g. {@code vp-linear}
 * @param params parameter name → plain value (number, string, boolean, enum constant name)
 */
public record ScheduleRef(String key, Map<String, Object> params) {
  /** Copies the parameters (keeps insertion order). */
  public ScheduleRef {
    Objects.requireNonNull(key, "key");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The schedule {@code key} with its own defaults. */
  public static ScheduleRef of(String key) {
    return new ScheduleRef(key, Map.of());
  }

  /** This reference with parameter {@code name} set to {@code value}. */
  public ScheduleRef with(String name, Object value) {
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.put(name, value);
    return new ScheduleRef(key, p);
  }
}
