package dev.pathspace.experiments.compose;

import dev.pathspace.experiments.config.ConfigErrors;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.pathspace.api.ConfigException;
import dev.pathspace.api.registry.ComponentKind;
import dev.pathspace.api.registry.ComponentSpec;
import dev.pathspace.experiments.config.RecordCodec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The plug-in registries: a parent injector built from the plug-in Guice modules (discovered with
 * {@link ServiceLoader} in production, passed explicitly in tests) whose MapBinders hold every
 * {@link ComponentSpec} of every {@link ComponentKind}. Immutable after construction.
 */
public final class PluginRegistry {
  private final Injector parent;
  private final Map<ComponentKind<?>, SortedMap<String, ComponentSpec<?>>> options = new LinkedHashMap<>();
  private final Map<Class<? extends Record>, ComponentKind<?>> paramsKinds = new HashMap<>();

  /** A registry over exactly {@code pluginModules}. */
  public PluginRegistry(Iterable<? extends Module> pluginModules) {
    List<Module> modules = new ArrayList<>();
    modules.add(new RegistriesModule());
    pluginModules.forEach(modules::add);
    this.parent = Guice.createInjector(Stage.DEVELOPMENT, modules);
    for (ComponentKind<?> kind : ComponentKind.ALL) {
      SortedMap<String, ComponentSpec<?>> specs = new TreeMap<>(parent.getInstance(kind.registryKey()));
      options.put(kind, Collections.unmodifiableSortedMap(specs));
      for (var e : specs.entrySet()) {
        ComponentKind<?> before = paramsKinds.putIfAbsent(e.getValue().params(), kind);
        if (before != null && before != kind) {
          throw new IllegalStateException("Params record " + e.getValue().params().getName() + " of "
              + kind + " '" + e.getKey() + "' is also registered for " + before + "; each kind needs its own");
        }
      }
    }
  }

  /** The registry of every plug-in module listed in {@code META-INF/services/com.google.inject.Module}. */
  public static PluginRegistry discover() {
    List<Module> found = new ArrayList<>();
    ServiceLoader.load(Module.class).forEach(found::add);
    return new PluginRegistry(found);
  }

  /** The registered options of {@code kind}, sorted by key. */
  public SortedMap<String, ComponentSpec<?>> options(ComponentKind<?> kind) {
    return options.get(kind);
  }

  /** The parent injector holding the registries (one child injector per planned run hangs below it). */
  Injector parent() {
    return parent;
  }

  /** Params record type → the kind whose options use it. */
  Map<Class<? extends Record>, ComponentKind<?>> paramsKinds() {
    return Collections.unmodifiableMap(paramsKinds);
  }

  /**
   * The keys of the options of {@code kind} whose instance with default parameters satisfies
   * {@code accepts}, sorted (for "valid options" messages generated from what components declare).
   */
  public <T> List<String> optionsSatisfying(ComponentKind<T> kind, Predicate<? super T> accepts) {
    RecordCodec codec = new RecordCodec();
    List<String> out = new ArrayList<>();
    for (var e : options(kind).entrySet()) {
      ComponentSpec<?> spec = e.getValue();
      Record defaults = codec.defaults(spec.params());
      Injector child = parent.createChildInjector(b -> bindInstance(b, defaults));
      T instance;
      try {
        instance = kind.apiType().cast(child.getInstance(spec.impl()));
      } catch (RuntimeException ex) {
        continue; // an option that cannot be built with its defaults is no valid choice
      }
      if (accepts.test(instance)) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <R extends Record> void bindInstance(com.google.inject.Binder b, R record) {
    b.bind((Class<R>) record.getClass()).toInstance(record);
  }

  /** Every registered component with its description and parameter defaults (for {@code pathspace list}). */
  public List<ComponentInfo> describe() {
    RecordCodec codec = new RecordCodec();
    List<ComponentInfo> out = new ArrayList<>();
    for (ComponentKind<?> kind : ComponentKind.ALL) {
      for (var e : options(kind).entrySet()) {
        ComponentSpec<?> spec = e.getValue();
        Map<String, Object> defaults = codec.toMap(codec.defaults(spec.params()));
        List<ParamInfo> params = new ArrayList<>();
        for (RecordComponent c : spec.params().getRecordComponents()) {
          params.add(new ParamInfo(
              c.getName(), RecordCodec.typeName(c.getGenericType()), defaults.get(c.getName())));
        }
        out.add(new ComponentInfo(kind, e.getKey(), spec.description(), params));
      }
    }
    return out;
  }

  /** Fails with the valid options of {@code kind} if {@code type} is not registered. */
  ComponentSpec<?> spec(ComponentKind<?> kind, String type) {
    ComponentSpec<?> spec = options(kind).get(type);
    if (spec == null) {
      throw new ConfigException(
          "Unknown " + kind.key() + " '" + type + "'; valid options: " + validOptions(kind)
              + ConfigErrors.didYouMean(type, validOptions(kind)));
    }
    return spec;
  }

  /** The keys a user may give for {@code kind}, sorted ({@code auto} included for the schedule). */
  List<String> validOptions(ComponentKind<?> kind) {
    List<String> keys = new ArrayList<>(options(kind).keySet());
    if (kind == ComponentKind.SCHEDULE) {
      keys.add(dev.pathspace.experiments.config.ConfigResolver.AUTO);
    }
    Collections.sort(keys);
    return keys;
  }
}
