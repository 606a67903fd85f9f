package dev.pathspace.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pathspace.api.registry.ComponentKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merged configuration layers before the components are decoded: what {@link ConfigResolver}
 * produces and the run planner turns into a {@link RunConfig} and the run's components.
 *
 * @param types each kind's configured type (a registry key, or {@code auto} for the schedule); a kind that
 *     no layer names is absent
 * @param params each kind's parameters as given by the layers (undecoded; defaults not yet applied)
 * @param train decoded training settings
 * @param eval decoded evaluation settings
 * @param seed run seed
 * @param precision {@code float32} or {@code float64}
 * @param intraThreads TF intra-op threads
 * @param interThreads TF inter-op threads
 * @param graphOptimization run TF's Grappler graph optimiser
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 * @param jit XLA JIT compilation of the session's graph
 */
public record LayeredConfig(
    Map<ComponentKind<?>, String> types,
    Map<ComponentKind<?>, Map<String, JsonNode>> params,
    TrainSettings train,
    EvalSettings eval,
    long seed,
    String precision,
    int intraThreads,
    int interThreads,
    boolean graphOptimization,
    String device,
    boolean jit) {
  /** Copies the maps. */
  public LayeredConfig {
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    Map<ComponentKind<?>, Map<String, JsonNode>> p = new LinkedHashMap<>();
    params.forEach((k, v) -> p.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    params = Collections.unmodifiableMap(p);
  }

  /** The resolved configuration with the given component choices. */
  public RunConfig withComponents(Map<ComponentKind<?>, ComponentChoice> choices) {
    return new RunConfig(
        choices, train, eval, seed, precision, intraThreads, interThreads, graphOptimization, device, jit);
  }
}
