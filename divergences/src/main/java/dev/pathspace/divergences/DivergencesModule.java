package dev.pathspace.divergences;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Registers the path-space divergences of this module in the divergence registry. */
public final class DivergencesModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.divergences(binder())
        .add("reverse-kl", ReverseKlDivergence.class, ReverseKlDivergence.Params.class,
            "reverse KL, reparameterised (spec kl / kl_ito)")
        .add("log-variance", LogVarianceDivergence.class, LogVarianceDivergence.Params.class,
            "log-variance, off-policy (Richter & Berner 2024; spec lv)")
        .add("log-variance-traj", TrajectoryLogVarianceDivergence.class,
            TrajectoryLogVarianceDivergence.Params.class,
            "log-variance across k trajectories per initial point (spec lv_traj)")
        .add("moment", MomentDivergence.class, MomentDivergence.Params.class,
            "second-moment / trajectory-balance loss with learned log Z (spec 4.7)")
        .add("cross-entropy", CrossEntropyDivergence.class, CrossEntropyDivergence.Params.class,
            "cross-entropy (forward KL), off-policy with self-normalised weights (Nüsken & Richter 2021)");
  }
}
