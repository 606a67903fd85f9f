package dev.pathspace.experiments.engine;

import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;
import dev.pathspace.api.registry.ComponentKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The components of one run, one per {@link ComponentKind}, as composed by the run planner.
 *
 * @param all kind → component (an instance of the kind's api type)
 */
public record RunComponents(Map<ComponentKind<?>, Object> all) {
  /** Checks that every kind has a component of its api type. */
  public RunComponents {
    Map<ComponentKind<?>, Object> ordered = new LinkedHashMap<>();
    for (ComponentKind<?> k : ComponentKind.ALL) {
      Object c = all.get(k);
      if (!k.apiType().isInstance(c)) {
        throw new IllegalArgumentException("no " + k.key() + " component (got " + c + ")");
      }
      ordered.put(k, c);
    }
    all = Collections.unmodifiableMap(ordered);
  }

  /** The components of the four current kinds. */
  public RunComponents(PathSampler sampler, PathDivergence divergence, SdeSchedule schedule, Target target) {
    this(Map.of(ComponentKind.SAMPLER, sampler, ComponentKind.DIVERGENCE, divergence,
        ComponentKind.SCHEDULE, schedule, ComponentKind.TARGET, target));
  }

  /** The component of {@code kind}. */
  public <T> T get(ComponentKind<T> kind) {
    return kind.apiType().cast(all.get(kind));
  }

  /** The sampler. */
  public PathSampler sampler() {
    return get(ComponentKind.SAMPLER);
  }

  /** The training divergence. */
  public PathDivergence divergence() {
    return get(ComponentKind.DIVERGENCE);
  }

  /** The reference SDE schedule. */
  public SdeSchedule schedule() {
    return get(ComponentKind.SCHEDULE);
  }

  /** The target. */
  public Target target() {
    return get(ComponentKind.TARGET);
  }
}
