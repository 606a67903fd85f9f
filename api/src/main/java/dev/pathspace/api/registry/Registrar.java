package dev.pathspace.api.registry;

import com.google.inject.multibindings.MapBinder;

/**
 * Thin wrapper over a Guice {@link MapBinder} that plug-in modules use to contribute options to a slot.
 *
 * @param <T> the slot interface
 */
public final class Registrar<T> {
  private final MapBinder<String, ComponentSpec<T>> binder;

  Registrar(MapBinder<String, ComponentSpec<T>> binder) {
    this.binder = binder;
  }

  /** Registers {@code impl} under {@code key}; returns this for chaining. */
  public Registrar<T> add(
      String key, Class<? extends T> impl, Class<? extends Record> params, String description) {
    binder.addBinding(key).toInstance(new ComponentSpec<>(impl, params, description));
    return this;
  }
}
