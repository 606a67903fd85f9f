package dev.pathspace.samplers;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Registers the samplers of this module: {@code dis}, {@code pis}, {@code dds}, {@code bridge}, {@code langevin}, {@code pde}. */
public final class SamplersModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.samplers(binder())
        .add("dis", DisSampler.class, DisSampler.Params.class, "time-reversed diffusion sampler (Berner et al. 2024)")
        .add("pis", PisSampler.class, PisSampler.Params.class,
            "path integral sampler: controlled Brownian motion from a Dirac (Zhang & Chen 2022)")
        .add("dds", DdsSampler.class, DdsSampler.Params.class,
            "denoising diffusion sampler: controlled stationary OU, exponential or Euler integrator (Vargas et al. 2023)")
        .add("bridge", BridgeSampler.class, BridgeSampler.Params.class,
            "diffusion bridge with learned generative and inference controls (Richter & Berner 2024)")
        .add("langevin", LangevinSampler.class, LangevinSampler.Params.class,
            "untrained baseline: (annealed) unadjusted Langevin with AIS weights (Neal 2001)")
        // pde (issue 16, samplers/hjb): the base sampler with the exact grid control u*, no network
        .add("pde", dev.pathspace.samplers.hjb.PdeSampler.class, dev.pathspace.samplers.hjb.PdeSampler.Params.class,
            "no network: dis|pis|dds with the exact optimal control from the HJB equation on a grid (d <= 2)");
  }
}
