package dev.pathspace.experiments.compose;

import com.google.inject.AbstractModule;
import dev.pathspace.api.registry.ComponentKind;

/**
 * Declares the registry multibinding of every {@link ComponentKind} so that each registry map exists
 * (possibly empty) even when no plug-in contributes to it. Binds nothing else.
 */
final class RegistriesModule extends AbstractModule {
  @Override
  protected void configure() {
    ComponentKind.ALL.forEach(k -> k.registrar(binder()));
  }
}
