package dev.pathspace.samplers;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Registers the samplers of this module: {@code dis}. */
public final class SamplersModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.samplers(binder())
        .add("dis", DisSampler.class, DisSampler.Params.class, "time-reversed diffusion sampler (Berner et al. 2024)");
  }
}
