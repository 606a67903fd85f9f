package dev.pathspace.api.registry;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;

/**
 * Entry points of the four plug-in registries ({@code Map<String, ComponentSpec<T>>} multibindings). A
 * plug-in module calls e.g. {@code Components.divergences(binder()).add("moment", ...)} and nothing else.
 */
public final class Components {
  private Components() {}

  /** Type literal of the divergence registry map. */
  public static final TypeLiteral<ComponentSpec<PathDivergence>> DIVERGENCE =
      new TypeLiteral<>() {};
  /** Type literal of the sampler registry map. */
  public static final TypeLiteral<ComponentSpec<PathSampler>> SAMPLER = new TypeLiteral<>() {};
  /** Type literal of the schedule registry map. */
  public static final TypeLiteral<ComponentSpec<SdeSchedule>> SCHEDULE = new TypeLiteral<>() {};
  /** Type literal of the target registry map. */
  public static final TypeLiteral<ComponentSpec<Target>> TARGET = new TypeLiteral<>() {};

  /** The divergence registry. */
  public static Registrar<PathDivergence> divergences(Binder binder) {
    return new Registrar<>(MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), DIVERGENCE));
  }

  /** The sampler registry. */
  public static Registrar<PathSampler> samplers(Binder binder) {
    return new Registrar<>(MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), SAMPLER));
  }

  /** The schedule registry. */
  public static Registrar<SdeSchedule> schedules(Binder binder) {
    return new Registrar<>(MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), SCHEDULE));
  }

  /** The target registry. */
  public static Registrar<Target> targets(Binder binder) {
    return new Registrar<>(MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), TARGET));
  }
}
