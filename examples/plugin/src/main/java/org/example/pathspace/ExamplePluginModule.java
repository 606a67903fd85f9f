package org.example.pathspace;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Registers this plug-in's components; listed in META-INF/services/com.google.inject.Module. Only binds. */
public final class ExamplePluginModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.divergences(binder())
        .add("renyi", RenyiDivergence.class, RenyiDivergence.Params.class,
            "variational Rényi bound of order alpha, reparameterised (Li & Turner 2016)");
    Components.targets(binder())
        .add("banana", BananaTarget.class, BananaTarget.Params.class,
            "twisted Gaussian x2 = y2 + b(x1^2 - s1^2) with exact log Z and samples (Haario et al. 1999)");
  }
}
