package dev.pathspace.api.registry;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;
import java.util.List;
import java.util.Map;

/**
 * The table of component kinds: each kind is a top-level config key, the api interface its components
 * implement and a Guice {@code Map<String, ComponentSpec<T>>} multibinding that plug-in modules fill. The
 * registries, configuration layering, composition, {@code config.yaml} and {@code pathspace list} all
 * iterate {@link #ALL}, so a new kind of component is one constant here plus its entry in {@code ALL}.
 *
 * @param <T> the api interface of the kind's components
 */
public final class ComponentKind<T> {
  /** The diffusion sampler. */
  public static final ComponentKind<PathSampler> SAMPLER =
      new ComponentKind<>("sampler", PathSampler.class, new TypeLiteral<ComponentSpec<PathSampler>>() {});
  /** The training divergence. */
  public static final ComponentKind<PathDivergence> DIVERGENCE =
      new ComponentKind<>("divergence", PathDivergence.class, new TypeLiteral<ComponentSpec<PathDivergence>>() {});
  /** The reference SDE schedule ({@code auto} = the sampler's default). */
  public static final ComponentKind<SdeSchedule> SCHEDULE =
      new ComponentKind<>("schedule", SdeSchedule.class, new TypeLiteral<ComponentSpec<SdeSchedule>>() {});
  /** The target density. */
  public static final ComponentKind<Target> TARGET =
      new ComponentKind<>("target", Target.class, new TypeLiteral<ComponentSpec<Target>>() {});

  /**
   * Every kind, in the order of resolution, {@code config.yaml} and {@code pathspace list}. A kind may
   * depend only on kinds before it (the schedule's {@code auto} on the sampler).
   */
  public static final List<ComponentKind<?>> ALL = List.of(SAMPLER, DIVERGENCE, SCHEDULE, TARGET);

  private final String key;
  private final Class<T> apiType;
  private final TypeLiteral<ComponentSpec<T>> specType;

  private ComponentKind(String key, Class<T> apiType, TypeLiteral<ComponentSpec<T>> specType) {
    this.key = key;
    this.apiType = apiType;
    this.specType = specType;
  }

  /** Config key, e.g. {@code divergence}. */
  public String key() {
    return key;
  }

  /** The api interface implemented by this kind's components. */
  public Class<T> apiType() {
    return apiType;
  }

  /** The type of one registry entry, {@code ComponentSpec<T>}. */
  public TypeLiteral<ComponentSpec<T>> specType() {
    return specType;
  }

  /** The Guice key of the registry map {@code Map<String, ComponentSpec<T>>}. */
  @SuppressWarnings("unchecked")
  public Key<Map<String, ComponentSpec<T>>> registryKey() {
    return (Key<Map<String, ComponentSpec<T>>>) Key.get(Types.mapOf(String.class, specType.getType()));
  }

  /** The registrar through which a plug-in module adds options of this kind. */
  public Registrar<T> registrar(Binder binder) {
    return new Registrar<>(MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), specType));
  }

  /** The kind with config key {@code key}, or null. */
  public static ComponentKind<?> byKey(String key) {
    for (ComponentKind<?> k : ALL) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return key;
  }
}
