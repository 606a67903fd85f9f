package dev.pathspace.experiments.plugins;

import com.google.inject.Module;
import java.util.List;
import java.util.Map;

/**
 * The result of loading plug-in jars: the class loader that sees them (on top of pathspace's own), the
 * jars as recorded, and each plug-in Guice module with the jar it came from.
 *
 * @param classLoader loader for plug-in classes; the application class loader when there are no plug-ins
 * @param jars the loaded jars in load order
 * @param modules each instantiated module mapped to its jar (insertion order)
 */
public record LoadedPlugins(ClassLoader classLoader, List<PluginJar> jars, Map<Module, PluginJar> modules) {
  /** Copies the collections. */
  public LoadedPlugins {
    jars = List.copyOf(jars);
    modules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modules));
  }

  /** No plug-ins: pathspace's own class loader. */
  public static LoadedPlugins none() {
    return new LoadedPlugins(LoadedPlugins.class.getClassLoader(), List.of(), Map.of());
  }
}
