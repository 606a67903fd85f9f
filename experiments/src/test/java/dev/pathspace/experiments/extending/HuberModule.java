package dev.pathspace.experiments.extending;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Registers the example divergence (docs/extending.md). */
public final class HuberModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.divergences(binder())
        .add("log-variance-huber", HuberLogVarianceDivergence.class, HuberLogVarianceDivergence.Params.class,
            "log-variance with a Huber penalty (docs/extending.md example)");
  }
}
