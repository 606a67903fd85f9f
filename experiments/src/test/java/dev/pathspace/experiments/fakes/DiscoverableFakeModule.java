package dev.pathspace.experiments.fakes;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Listed in the test {@code META-INF/services/com.google.inject.Module} to test ServiceLoader discovery. */
public final class DiscoverableFakeModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.targets(binder())
        .add("fake-discovered", GmmFake.class, GmmFake.Params.class, "discovered through ServiceLoader");
  }
}
