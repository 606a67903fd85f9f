package dev.pathspace.api.registry;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;

/**
 * Shorthands for plug-in modules over the {@link ComponentKind} table: e.g.
 * {@code Components.divergences(binder()).add("moment", ...)} is
 * {@code ComponentKind.DIVERGENCE.registrar(binder()).add("moment", ...)}. Holds no plumbing of its own.
 */
public final class Components {
  private Components() {}

  /** Type literal of the divergence registry entries. */
  public static final TypeLiteral<ComponentSpec<PathDivergence>> DIVERGENCE = ComponentKind.DIVERGENCE.specType();
  /** Type literal of the sampler registry entries. */
  public static final TypeLiteral<ComponentSpec<PathSampler>> SAMPLER = ComponentKind.SAMPLER.specType();
  /** Type literal of the schedule registry entries. */
  public static final TypeLiteral<ComponentSpec<SdeSchedule>> SCHEDULE = ComponentKind.SCHEDULE.specType();
  /** Type literal of the target registry entries. */
  public static final TypeLiteral<ComponentSpec<Target>> TARGET = ComponentKind.TARGET.specType();

  /** The divergence registry. */
  public static Registrar<PathDivergence> divergences(Binder binder) {
    return ComponentKind.DIVERGENCE.registrar(binder);
  }

  /** The sampler registry. */
  public static Registrar<PathSampler> samplers(Binder binder) {
    return ComponentKind.SAMPLER.registrar(binder);
  }

  /** The schedule registry. */
  public static Registrar<SdeSchedule> schedules(Binder binder) {
    return ComponentKind.SCHEDULE.registrar(binder);
  }

  /** The target registry. */
  public static Registrar<Target> targets(Binder binder) {
    return ComponentKind.TARGET.registrar(binder);
  }
}
