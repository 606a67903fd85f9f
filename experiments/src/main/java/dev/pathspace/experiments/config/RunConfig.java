package dev.pathspace.experiments.config;

import dev.pathspace.api.registry.ComponentKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fully resolved, validated run configuration (what {@code config.yaml} in the run directory holds).
 *
 * @param components the choice of every {@link ComponentKind}, in {@link ComponentKind#ALL} order (the
 *     schedule resolved from the sampler's default when the config says {@code auto})
 * @param train training settings
 * @param eval evaluation settings
 * @param seed run seed
 * @param precision {@code float32} or {@code float64}
 * @param intraThreads TF intra-op threads (0 = TF default)
 * @param interThreads TF inter-op threads (0 = TF default)
 * @param graphOptimization run TF's Grappler graph optimiser (faster steps, slower first step)
 */
public record RunConfig(
    Map<ComponentKind<?>, ComponentChoice> components,
    TrainSettings train,
    EvalSettings eval,
    long seed,
    String precision,
    int intraThreads,
    int interThreads,
    boolean graphOptimization) {

  /** Copies the choices in table order and checks that every kind has one. */
  public RunConfig {
    Map<ComponentKind<?>, ComponentChoice> ordered = new LinkedHashMap<>();
    for (ComponentKind<?> k : ComponentKind.ALL) {
      ComponentChoice c = components.get(k);
      if (c == null) {
        throw new IllegalArgumentException("no " + k.key() + " choice");
      }
      ordered.put(k, c);
    }
    components = Collections.unmodifiableMap(ordered);
  }

  /** A configuration of the four current kinds. */
  public RunConfig(
      ComponentChoice sampler,
      ComponentChoice divergence,
      ComponentChoice schedule,
      ComponentChoice target,
      TrainSettings train,
      EvalSettings eval,
      long seed,
      String precision,
      int intraThreads,
      int interThreads,
      boolean graphOptimization) {
    this(Map.of(ComponentKind.SAMPLER, sampler, ComponentKind.DIVERGENCE, divergence,
            ComponentKind.SCHEDULE, schedule, ComponentKind.TARGET, target),
        train, eval, seed, precision, intraThreads, interThreads, graphOptimization);
  }

  /** A configuration with graph optimisation off (the default). */
  public RunConfig(
      ComponentChoice sampler,
      ComponentChoice divergence,
      ComponentChoice schedule,
      ComponentChoice target,
      TrainSettings train,
      EvalSettings eval,
      long seed,
      String precision,
      int intraThreads,
      int interThreads) {
    this(sampler, divergence, schedule, target, train, eval, seed, precision, intraThreads, interThreads, false);
  }

  /** The choice of {@code kind}. */
  public ComponentChoice choice(ComponentKind<?> kind) {
    return components.get(kind);
  }

  /** The sampler choice. */
  public ComponentChoice sampler() {
    return choice(ComponentKind.SAMPLER);
  }

  /** The divergence choice. */
  public ComponentChoice divergence() {
    return choice(ComponentKind.DIVERGENCE);
  }

  /** The schedule choice. */
  public ComponentChoice schedule() {
    return choice(ComponentKind.SCHEDULE);
  }

  /** The target choice. */
  public ComponentChoice target() {
    return choice(ComponentKind.TARGET);
  }
}
