package dev.pathspace.experiments.plugins;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.pathspace.api.registry.ComponentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Which component keys ({@code divergence:renyi}) each plug-in jar registers, found by building its modules
 * alone into the registry multibindings; and the check that no key is registered twice — by two plug-ins,
 * or by a plug-in and pathspace itself — which fails naming both sources.
 */
final class PluginKeys {
  private PluginKeys() {}

  /** The keys registered by {@code modules}, as {@code kind:key}, sorted. */
  static List<String> of(List<? extends Module> modules) {
    List<Module> all = new ArrayList<>();
    all.add(b -> ComponentKind.ALL.forEach(k -> k.registrar(b)));
    all.addAll(modules);
    var injector = Guice.createInjector(Stage.DEVELOPMENT, all);
    TreeSet<String> keys = new TreeSet<>();
    for (ComponentKind<?> kind : ComponentKind.ALL) {
      injector.getInstance(kind.registryKey()).keySet().forEach(k -> keys.add(kind.key() + ":" + k));
    }
    return List.copyOf(keys);
  }

  /** The keys of pathspace's own modules (those on its class path). */
  static List<String> builtIn() {
    List<Module> found = new ArrayList<>();
    ServiceLoader.load(Module.class, PluginKeys.class.getClassLoader()).forEach(found::add);
    return of(found);
  }

  /**
   * The keys of each jar, failing with a {@link PluginException} if a key is registered twice.
   *
   * @param loader used for the "incompatible" message when a module cannot be linked
   */
  static Map<PluginJar, List<String>> attribute(
      Map<Module, PluginJar> modules, List<String> builtIn, PluginLoader loader) {
    Map<PluginJar, List<Module>> byJar = new LinkedHashMap<>();
    modules.forEach((m, jar) -> byJar.computeIfAbsent(jar, j -> new ArrayList<>()).add(m));
    Map<String, String> owner = new LinkedHashMap<>();
    builtIn.forEach(k -> owner.put(k, "pathspace itself"));
    Map<PluginJar, List<String>> out = new LinkedHashMap<>();
    for (var e : byJar.entrySet()) {
      List<String> keys;
      try {
        keys = of(e.getValue());
      } catch (LinkageError | RuntimeException ex) {
        Throwable root = ex;
        while (root.getCause() != null && !(root instanceof LinkageError)) {
          root = root.getCause();
        }
        if (root instanceof LinkageError) {
          throw loader.incompatible(e.getKey(), "registering its components", root);
        }
        throw new PluginException("plug-in " + e.getKey().path() + " failed to register its components: "
            + firstLine(ex.getMessage()), ex);
      }
      for (String k : keys) {
        String before = owner.putIfAbsent(k, e.getKey().path().toString());
        if (before != null) {
          String[] kk = k.split(":", 2);
          throw new PluginException(kk[0] + " '" + kk[1] + "' is registered twice: by " + before + " and by "
              + e.getKey().path() + "; remove one of them or rename the key");
        }
      }
      out.put(e.getKey(), keys);
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
