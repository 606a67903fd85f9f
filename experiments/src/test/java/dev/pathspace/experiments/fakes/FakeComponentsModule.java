package dev.pathspace.experiments.fakes;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Test plug-in module: samplers and divergences. */
public final class FakeComponentsModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.samplers(binder())
        .add("dis", FakeSampler.class, FakeSampler.Params.class, "fake denoising diffusion sampler")
        .add("pis", FakePis.class, FakePis.Params.class, "fake path integral sampler");
    Components.divergences(binder())
        .add("log-variance", LogVarianceFake.class, LogVarianceFake.Params.class, "fake log-variance loss")
        .add("moment", MomentFake.class, MomentFake.Params.class, "fake moment loss")
        .add("reverse-kl", ReverseKlFake.class, ReverseKlFake.Params.class, "fake reverse KL");
  }
}
