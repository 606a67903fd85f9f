package dev.pathspace.experiments.plugins;

import java.nio.file.Path;
import java.util.List;

/**
 * One plug-in jar as loaded and recorded in {@code provenance.json}: where it was, its size and SHA-256
 * (so a rerun can tell whether it finds the same jar), the api version it declares it was built against
 * ({@code Pathspace-Api-Version} manifest entry, empty if absent) and the Guice modules it lists in
 * {@code META-INF/services/com.google.inject.Module}.
 */
public record PluginJar(Path path, long size, String sha256, String apiVersion, List<String> moduleClasses) {
  /** Copies the list. */
  public PluginJar {
    moduleClasses = List.copyOf(moduleClasses);
  }
}
