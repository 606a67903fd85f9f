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
 * @param registered the component keys ({@code divergence:renyi}) each jar registers
 */
public record LoadedPlugins(
    ClassLoader classLoader, List<PluginJar> jars, Map<Module, PluginJar> modules,
    Map<PluginJar, List<String>> registered) {
  /** Copies the collections. */
  public LoadedPlugins {
    jars = List.copyOf(jars);
    modules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modules));
    registered = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(registered));
  }

  /** No plug-ins: pathspace's own class loader. */
  public static LoadedPlugins none() {
    return new LoadedPlugins(LoadedPlugins.class.getClassLoader(), List.of(), Map.of(), Map.of());
  }

  /** The jars as recorded in {@code provenance.json}: path, size, sha256, api version, registered keys. */
  public List<Map<String, Object>> provenance() {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (PluginJar j : jars) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("path", j.path().toString());
      m.put("size", j.size());
      m.put("sha256", j.sha256());
      m.put("api_version", j.apiVersion());
      m.put("modules", j.moduleClasses());
      m.put("registers", registered.getOrDefault(j, List.of()));
      out.add(m);
    }
    return out;
  }
}
