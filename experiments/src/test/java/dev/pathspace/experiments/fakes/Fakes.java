package dev.pathspace.experiments.fakes;

import dev.pathspace.experiments.compose.PluginRegistry;
import java.util.List;

/** The test registry of fake plug-ins. */
public final class Fakes {
  private Fakes() {}

  /** A registry with every fake component. */
  public static PluginRegistry registry() {
    return new PluginRegistry(List.of(new FakeComponentsModule(), new FakeTargetsModule()));
  }
}
