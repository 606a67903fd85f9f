package dev.pathspace.experiments.compose;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.Components;

/**
 * Declares the four registry multibindings so that each registry map exists (possibly empty) even when
 * no plug-in contributes to it. Binds nothing else.
 */
final class RegistriesModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.samplers(binder());
    Components.divergences(binder());
    Components.schedules(binder());
    Components.targets(binder());
  }
}
