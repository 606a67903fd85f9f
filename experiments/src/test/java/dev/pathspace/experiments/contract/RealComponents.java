package dev.pathspace.experiments.contract;

import dev.pathspace.divergences.DivergencesModule;
import dev.pathspace.experiments.compose.RunPlanner;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.api.registry.ComponentKind;
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
    return new RunPlanner(REGISTRY).plan(null, List.of(overrides)).config();
  }

  static RunComponents compose(String... overrides) {
    return new RunPlanner(REGISTRY).plan(null, List.of(overrides)).components();
  }

  static Set<String> keys(ComponentKind<?> slot) {
    return REGISTRY.options(slot).keySet();
  }
}
