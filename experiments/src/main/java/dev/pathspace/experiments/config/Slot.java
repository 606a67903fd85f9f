package dev.pathspace.experiments.config;

import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;

/** The four component slots of a run; {@link #key()} is the top-level config key. */
public enum Slot {
  /** The diffusion sampler. */
  SAMPLER("sampler", PathSampler.class),
  /** The training divergence. */
  DIVERGENCE("divergence", PathDivergence.class),
  /** The reference SDE schedule ({@code auto} = the sampler's default). */
  SCHEDULE("schedule", SdeSchedule.class),
  /** The target density. */
  TARGET("target", Target.class);

  private final String key;
  private final Class<?> apiType;

  Slot(String key, Class<?> apiType) {
    this.key = key;
    this.apiType = apiType;
  }

  /** Config key, e.g. {@code divergence}. */
  public String key() {
    return key;
  }

  /** The api interface implemented by this slot's components. */
  public Class<?> apiType() {
    return apiType;
  }

  /** The slot with config key {@code key}, or null. */
  public static Slot byKey(String key) {
    for (Slot s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    return null;
  }
}
