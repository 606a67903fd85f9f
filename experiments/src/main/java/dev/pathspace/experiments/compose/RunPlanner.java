package dev.pathspace.experiments.compose;

import dev.pathspace.experiments.config.ConfigErrors;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.pathspace.api.ConfigException;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.ScheduleRef;
import dev.pathspace.api.ScheduleRequirement;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.registry.ComponentKind;
import dev.pathspace.api.registry.ComponentSpec;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.ConfigResolver;
import dev.pathspace.experiments.config.LayeredConfig;
import dev.pathspace.experiments.config.RecordCodec;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.RunComponents;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one resolution pipeline of a run: config layers + overrides → a {@link RunPlan}. It layers the
 * configuration ({@link ConfigResolver}), then goes through the {@link ComponentKind} table once, in order:
 * for each kind it looks up the chosen option, decodes its {@code Params} record exactly once (defaults,
 * then — for {@code schedule: auto} — the sampler's typed {@link ScheduleRef}, then the user's values) and
 * obtains the component from a single per-run child injector. Finally it validates the combination once:
 * the sampler's declared {@link ScheduleRequirement} (the message lists the registered schedules that
 * satisfy it) and the sampler's own {@link PathSampler#validate}. Every problem is a
 * {@link ConfigException}; no TensorFlow graph is built.
 */
public final class RunPlanner {
  private final PluginRegistry registry;
  private final ConfigResolver resolver = new ConfigResolver();
  private final RecordCodec codec = new RecordCodec();

  /** @param registry the plug-in registries */
  public RunPlanner(PluginRegistry registry) {
    this.registry = registry;
  }

  /** Plans defaults + {@code configFile} (may be null) + {@code overrides}. */
  public RunPlan plan(Path configFile, List<String> overrides) {
    return plan(List.of(), configFile, List.of(overrides));
  }

  /**
   * Plans defaults, the named presets, {@code configFile} (may be null) and each list of overrides as
   * its own layer (see {@link ConfigResolver#layer}).
   *
   * @throws ConfigException on any invalid key, value, preset or combination
   */
  public RunPlan plan(List<String> presets, Path configFile, List<List<String>> overrideLayers) {
    return plan(resolver.layer(presets, configFile, overrideLayers));
  }

  /** Decodes, composes and validates the components of {@code layers}. */
  public RunPlan plan(LayeredConfig layers) {
    RunPlan plan = compose(layers);
    validate(plan.config(), plan.components());
    return plan;
  }

  /**
   * The resolved configuration of defaults + {@code configFile} (may be null) + {@code overrides}: every
   * component's parameters decoded and checked, but not the combination of the components (for
   * inspecting configuration layering; a run uses {@link #plan}).
   */
  public RunConfig config(Path configFile, List<String> overrides) {
    return compose(resolver.layer(List.of(), configFile, List.of(overrides))).config();
  }

  private RunPlan compose(LayeredConfig layers) {
    Map<ComponentKind<?>, Record> decoded = new HashMap<>();
    Injector injector = registry.parent().createChildInjector(new PlanParamsModule(registry, decoded));
    Map<ComponentKind<?>, ComponentChoice> choices = new LinkedHashMap<>();
    Map<ComponentKind<?>, Object> components = new LinkedHashMap<>();
    for (ComponentKind<?> kind : ComponentKind.ALL) {
      String type = layers.types().get(kind);
      if (type == null) {
        throw new ConfigException(
            "No " + kind.key() + " type configured; valid options: " + registry.validOptions(kind));
      }
      Map<String, Object> preset = Map.of();
      String origin = "";
      if (kind == ComponentKind.SCHEDULE && type.equals(ConfigResolver.AUTO)) {
        String samplerType = choices.get(ComponentKind.SAMPLER).type();
        ScheduleRef ref = ((PathSampler) components.get(ComponentKind.SAMPLER)).defaultSchedule();
        type = ref.key();
        preset = ref.params();
        origin = " (default of sampler '" + samplerType + "')";
        if (!registry.options(kind).containsKey(type)) {
          throw new ConfigException("Sampler '" + samplerType + "' asks for schedule '" + type
              + "', which is not registered; valid options: " + registry.validOptions(kind));
        }
      }
      ComponentSpec<?> spec = registry.spec(kind, type);
      Record params = decode(kind, type, origin, spec.params(), preset, layers.params().get(kind));
      decoded.put(kind, params);
      components.put(kind, instantiate(injector, kind, spec));
      choices.put(kind, new ComponentChoice(type, codec.toMap(params)));
    }
    return new RunPlan(layers.withComponents(choices), new RunComponents(components));
  }

  /** Defaults, then {@code preset}, then the user's values, decoded into the {@code Params} record once. */
  private Record decode(ComponentKind<?> kind, String type, String origin, Class<? extends Record> pt,
      Map<String, Object> preset, Map<String, JsonNode> user) {
    List<String> names = RecordCodec.names(pt);
    for (String k : user.keySet()) {
      if (!names.contains(k)) {
        throw new ConfigException(
            "Unknown key '" + kind.key() + "." + k + "' for " + kind.key() + " '" + type + "'" + origin
                + "; valid keys: " + ConfigErrors.sortedKeys(kind.key() + ".", names)
                + ConfigErrors.didYouMean(kind.key() + "." + k, names.stream().map(n -> kind.key() + "." + n).toList()));
      }
    }
    for (String k : preset.keySet()) {
      if (!names.contains(k)) {
        throw new IllegalStateException(
            kind.key() + " '" + type + "'" + origin + " has no parameter '" + k + "'; parameters: " + names);
      }
    }
    Map<String, Object> merged = new LinkedHashMap<>(codec.toMap(codec.defaults(pt)));
    merged.putAll(preset);
    merged.putAll(user);
    return codec.toRecord(pt, merged, kind.key() + ".", kind.key() + ": ");
  }

  /** The one validation pass over the combination. */
  private void validate(RunConfig config, RunComponents c) {
    PathSampler sampler = c.sampler();
    SdeSchedule schedule = c.schedule();
    ScheduleRequirement need = sampler.scheduleRequirement();
    if (!need.test(schedule)) {
      throw new ConfigException("sampler '" + config.sampler().type() + "' needs " + need.need()
          + "; schedule '" + config.schedule().type() + "' " + need.violation() + ". Valid schedules: "
          + registry.optionsSatisfying(ComponentKind.SCHEDULE, need::test));
    }
    sampler.validate(schedule, c.target()); // ConfigException passes through unchanged
  }

  private static Object instantiate(Injector injector, ComponentKind<?> kind, ComponentSpec<?> spec) {
    try {
      return injector.getInstance(spec.impl());
    } catch (ProvisionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException ce) {
        throw ce;
      }
      if (cause instanceof IllegalArgumentException) {
        throw new ConfigException(kind.key() + ": " + cause.getMessage());
      }
      throw e;
    } catch (ConfigurationException | CreationException e) {
      throw new IllegalStateException(
          "plug-in " + spec.impl().getName() + " cannot be constructed by Guice (it needs an @Inject"
              + " constructor taking only its Params record): " + e.getMessage(), e);
    }
  }

  /**
   * Binds every registered {@code Params} type to the record this plan decoded for its kind. The planner
   * decodes a kind's record before it asks the injector for that kind's component.
   */
  private static final class PlanParamsModule extends AbstractModule {
    private final PluginRegistry registry;
    private final Map<ComponentKind<?>, Record> decoded;

    PlanParamsModule(PluginRegistry registry, Map<ComponentKind<?>, Record> decoded) {
      this.registry = registry;
      this.decoded = decoded;
    }

    @Override
    protected void configure() {
      registry.paramsKinds().forEach(this::bindDecoded);
    }

    private <R extends Record> void bindDecoded(Class<R> type, ComponentKind<?> kind) {
      bind(type).toProvider((com.google.inject.Provider<R>) () -> {
        Record r = decoded.get(kind);
        if (!type.isInstance(r)) {
          throw new IllegalStateException(type.getName() + " requested, but the plan's " + kind
              + " params are " + r);
        }
        return type.cast(r);
      });
    }
  }
}
