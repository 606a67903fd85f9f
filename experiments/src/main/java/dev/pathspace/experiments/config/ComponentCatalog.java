package dev.pathspace.experiments.config;

import dev.pathspace.api.registry.ComponentSpec;
import java.util.SortedMap;

/**
 * Read-only view of the plug-in registries that configuration resolution needs (implemented by the
 * composition root, {@code compose.PluginRegistry}).
 */
public interface ComponentCatalog {
  /** The registered options of {@code slot}, sorted by key. */
  SortedMap<String, ComponentSpec<?>> options(Slot slot);

  /**
   * The registry key of the schedule that the sampler {@code samplerType} with {@code samplerParams} uses
   * when the config says {@code schedule: auto} (its {@code defaultSchedule()}).
   */
  String defaultSchedule(String samplerType, Record samplerParams);
}
