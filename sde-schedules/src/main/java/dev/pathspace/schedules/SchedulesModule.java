package dev.pathspace.schedules;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/** Registers the reference SDE schedules of this module in the schedule registry. */
public final class SchedulesModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.schedules(binder())
        .add("vp-linear", VpLinearSchedule.class, VpLinearSchedule.Params.class,
            "variance-preserving SDE, linear beta (docs/math.md §1.4)")
        .add("vp-cosine", VpCosineSchedule.class, VpCosineSchedule.Params.class,
            "variance-preserving SDE, cosine alpha-bar (Nichol & Dhariwal 2021), beta capped at betaMax")
        .add("const-ou", ConstOuSchedule.class, ConstOuSchedule.Params.class,
            "constant Ornstein-Uhlenbeck reference (docs/math.md §1.2)")
        .add("brownian", BrownianSchedule.class, BrownianSchedule.Params.class,
            "scaled Brownian motion, drift-free (PIS reference, docs/math.md §1.3)");
  }
}
