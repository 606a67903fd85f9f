package dev.pathspace.experiments.compose;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Types;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.registry.ComponentSpec;
import dev.pathspace.api.registry.Components;
import dev.pathspace.experiments.config.ComponentCatalog;
import dev.pathspace.experiments.config.RecordCodec;
import dev.pathspace.experiments.config.Slot;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The plug-in registries: a parent injector built from the plug-in Guice modules (discovered with
 * {@link ServiceLoader} in production, passed explicitly in tests) whose MapBinders hold every
 * {@link ComponentSpec}. Immutable after construction.
 */
public final class PluginRegistry implements ComponentCatalog {
  private final Injector parent;
  private final Map<Slot, SortedMap<String, ComponentSpec<?>>> options = new EnumMap<>(Slot.class);

  /** A registry over exactly {@code pluginModules}. */
  public PluginRegistry(Iterable<? extends Module> pluginModules) {
    List<Module> modules = new ArrayList<>();
    modules.add(new RegistriesModule());
    pluginModules.forEach(modules::add);
    this.parent = Guice.createInjector(Stage.DEVELOPMENT, modules);
    put(Slot.SAMPLER, Components.SAMPLER);
    put(Slot.DIVERGENCE, Components.DIVERGENCE);
    put(Slot.SCHEDULE, Components.SCHEDULE);
    put(Slot.TARGET, Components.TARGET);
  }

  /** The registry of every plug-in module listed in {@code META-INF/services/com.google.inject.Module}. */
  public static PluginRegistry discover() {
    List<Module> found = new ArrayList<>();
    ServiceLoader.load(Module.class).forEach(found::add);
    return new PluginRegistry(found);
  }

  private void put(Slot slot, TypeLiteral<?> specType) {
    @SuppressWarnings("unchecked")
    Key<Map<String, ComponentSpec<?>>> key =
        (Key<Map<String, ComponentSpec<?>>>) Key.get(Types.mapOf(String.class, specType.getType()));
    options.put(slot, Collections.unmodifiableSortedMap(new TreeMap<>(parent.getInstance(key))));
  }

  @Override
  public SortedMap<String, ComponentSpec<?>> options(Slot slot) {
    return options.get(slot);
  }

  /** The parent injector holding the registries (child injectors per run hang below it). */
  Injector parent() {
    return parent;
  }

  @Override
  public String defaultSchedule(String samplerType, Record samplerParams) {
    ComponentSpec<?> spec = options(Slot.SAMPLER).get(samplerType);
    PathSampler sampler = (PathSampler) Composer.instantiate(parent, Slot.SAMPLER, spec, samplerParams);
    return sampler.defaultSchedule();
  }

  /** Every registered component with its description and parameter defaults (for {@code pathspace list}). */
  public List<ComponentInfo> describe() {
    RecordCodec codec = new RecordCodec();
    List<ComponentInfo> out = new ArrayList<>();
    for (Slot slot : Slot.values()) {
      for (var e : options(slot).entrySet()) {
        ComponentSpec<?> spec = e.getValue();
        Map<String, Object> defaults = codec.toMap(codec.defaults(spec.params()));
        List<ParamInfo> params = new ArrayList<>();
        for (RecordComponent c : spec.params().getRecordComponents()) {
          params.add(new ParamInfo(
              c.getName(), RecordCodec.typeName(c.getGenericType()), defaults.get(c.getName())));
        }
        out.add(new ComponentInfo(slot, e.getKey(), spec.description(), params));
      }
    }
    return out;
  }
}
