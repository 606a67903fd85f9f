package dev.pathspace.experiments.fakes;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Test plug-in module: schedules and targets. */
public final class FakeTargetsModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.schedules(binder())
        .add("vp", VpFake.class, VpFake.Params.class, "fake variance-preserving schedule")
        .add("brownian", BrownianFake.class, BrownianFake.Params.class, "fake Brownian reference");
    Components.targets(binder()).add("gmm", GmmFake.class, GmmFake.Params.class, "fake Gaussian mixture");
  }
}
