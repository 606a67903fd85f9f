package dev.pathspace.experiments.compose;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.pathspace.api.ConfigException;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;
import dev.pathspace.api.registry.ComponentSpec;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.RecordCodec;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.Slot;
import dev.pathspace.experiments.engine.RunComponents;
import java.util.EnumMap;
import java.util.Map;

/**
 * The composition root of one run: for a resolved {@link RunConfig} it creates a child injector of the
 * {@link PluginRegistry} that binds each selected component's {@code Params} instance, obtains the four
 * implementations from it ({@code injector.getInstance(spec.impl())}) and lets the sampler validate the
 * combination. No TensorFlow graph is built here.
 */
public final class Composer {
  private final PluginRegistry registry;
  private final RecordCodec codec = new RecordCodec();

  /** @param registry the plug-in registries */
  public Composer(PluginRegistry registry) {
    this.registry = registry;
  }

  /**
   * The run's components.
   *
   * @throws ConfigException if a component rejects its parameters or the sampler rejects the schedule or
   *     target
   */
  public RunComponents compose(RunConfig config) {
    Map<Slot, ComponentSpec<?>> specs = new EnumMap<>(Slot.class);
    Map<Slot, Record> params = new EnumMap<>(Slot.class);
    for (Slot s : Slot.values()) {
      ComponentChoice choice = choice(config, s);
      ComponentSpec<?> spec = registry.options(s).get(choice.type());
      if (spec == null) {
        throw new ConfigException(
            "Unknown " + s.key() + " '" + choice.type() + "'; valid options: "
                + registry.options(s).keySet());
      }
      specs.put(s, spec);
      params.put(s, codec.toRecord(spec.params(), choice.params(), s.key() + ".", s.key() + ": "));
    }
    Injector child = registry.parent().createChildInjector(new ParamsModule(params));
    PathSampler sampler = (PathSampler) get(child, Slot.SAMPLER, specs.get(Slot.SAMPLER));
    PathDivergence divergence = (PathDivergence) get(child, Slot.DIVERGENCE, specs.get(Slot.DIVERGENCE));
    SdeSchedule schedule = (SdeSchedule) get(child, Slot.SCHEDULE, specs.get(Slot.SCHEDULE));
    Target target = (Target) get(child, Slot.TARGET, specs.get(Slot.TARGET));
    sampler.validate(schedule, target); // ConfigException passes through unchanged
    return new RunComponents(sampler, divergence, schedule, target);
  }

  /** The choice of {@code slot} in {@code config}. */
  public static ComponentChoice choice(RunConfig config, Slot slot) {
    return switch (slot) {
      case SAMPLER -> config.sampler();
      case DIVERGENCE -> config.divergence();
      case SCHEDULE -> config.schedule();
      case TARGET -> config.target();
    };
  }

  /** One component with the given params, from a child injector of {@code parent}. */
  static Object instantiate(Injector parent, Slot slot, ComponentSpec<?> spec, Record params) {
    Map<Slot, Record> p = new EnumMap<>(Slot.class);
    p.put(slot, params);
    return get(parent.createChildInjector(new ParamsModule(p)), slot, spec);
  }

  private static Object get(Injector injector, Slot slot, ComponentSpec<?> spec) {
    try {
      return injector.getInstance(spec.impl());
    } catch (ProvisionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException ce) {
        throw ce;
      }
      if (cause instanceof IllegalArgumentException) {
        throw new ConfigException(slot.key() + ": " + cause.getMessage());
      }
      throw e;
    } catch (ConfigurationException | CreationException e) {
      throw new IllegalStateException(
          "plug-in " + spec.impl().getName() + " cannot be constructed by Guice (it needs an @Inject"
              + " constructor taking only its Params record): " + e.getMessage(), e);
    }
  }

  /** Binds the selected Params instances (and nothing else). */
  private static final class ParamsModule extends AbstractModule {
    private final Map<Slot, Record> params;

    ParamsModule(Map<Slot, Record> params) {
      this.params = params;
    }

    @Override
    protected void configure() {
      params.values().forEach(this::bindInstance);
    }

    @SuppressWarnings("unchecked")
    private <R extends Record> void bindInstance(R record) {
      bind((Class<R>) record.getClass()).toInstance(record);
    }
  }
}
