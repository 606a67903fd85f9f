package dev.pathspace.experiments.compose;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.ComponentKind;
import dev.pathspace.experiments.metrics.MetricBindings;

/**
 * Declares the registry multibinding of every {@link ComponentKind} and the metric registry so that each
 * exists (possibly empty) even when no plug-in contributes to it. Binds nothing else.
 */
final class RegistriesModule extends AbstractModule {
  @Override
  protected void configure() {
    ComponentKind.ALL.forEach(k -> k.registrar(binder()));
    MetricBindings.registry(binder());
  }
}
