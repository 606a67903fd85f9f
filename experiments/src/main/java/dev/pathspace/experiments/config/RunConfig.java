package dev.pathspace.experiments.config;

import dev.pathspace.api.registry.ComponentKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param device {@code cpu}, {@code gpu} or {@code auto} (the first GPU TensorFlow sees, else the CPU)
 * @param jit XLA JIT compilation of the session's graph (global_jit_level ON_1; on the CPU it also needs
 *     {@code TF_XLA_FLAGS=--tf_xla_cpu_global_jit} in the process environment, which {@code ./pathspace} sets)
 */
public record RunConfig(
    Map<ComponentKind<?>, ComponentChoice> components,
    TrainSettings train,
    EvalSettings eval,
    long seed,
    String precision,
    int intraThreads,
    int interThreads,
    boolean graphOptimization,
    String device,
    boolean jit) {
  /** Valid values of {@code device} (engine: a GPU choice is checked against TensorFlow's devices). */
  public static final List<String> DEVICES = List.of("cpu", "gpu", "auto");
  /** The default {@code device}: today's placement (a GPU build uses its GPU, the CPU build the CPU). */
  public static final String DEFAULT_DEVICE = "auto";

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
    if (!DEVICES.contains(device)) {
      throw new dev.pathspace.api.ConfigException(
          "Invalid value '" + device + "' for device; valid options: " + DEVICES);
    }
  }

  /** A configuration without XLA JIT (the default). */
  public RunConfig(
      Map<ComponentKind<?>, ComponentChoice> components,
      TrainSettings train,
      EvalSettings eval,
      long seed,
      String precision,
      int intraThreads,
      int interThreads,
      boolean graphOptimization,
      String device) {
    this(components, train, eval, seed, precision, intraThreads, interThreads, graphOptimization, device, false);
  }

  /** A configuration on the default device. */
  public RunConfig(
      Map<ComponentKind<?>, ComponentChoice> components,
      TrainSettings train,
      EvalSettings eval,
      long seed,
      String precision,
      int intraThreads,
      int interThreads,
      boolean graphOptimization) {
    this(components, train, eval, seed, precision, intraThreads, interThreads, graphOptimization, DEFAULT_DEVICE);
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
