package dev.pathspace.experiments.contract;

import dev.pathspace.divergences.DivergencesModule;
import dev.pathspace.experiments.compose.Composer;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.ConfigResolver;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.Slot;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.samplers.SamplersModule;
import dev.pathspace.schedules.SchedulesModule;
import dev.pathspace.targets.TargetsModule;
import java.util.List;
import java.util.Set;

/** The real plug-in registries (not the test fakes), composed exactly as the CLI does. */
final class RealComponents {
  static final PluginRegistry REGISTRY =
      new PluginRegistry(List.of(new SamplersModule(), new DivergencesModule(), new SchedulesModule(), new TargetsModule()));

  private RealComponents() {}

  static RunConfig resolve(String... overrides) {
    return new ConfigResolver(REGISTRY).resolve(null, List.of(overrides));
  }

  static RunComponents compose(String... overrides) {
    return new Composer(REGISTRY).compose(resolve(overrides));
  }

  static Set<String> keys(Slot slot) {
    return REGISTRY.options(slot).keySet();
  }
}
