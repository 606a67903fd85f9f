package dev.pathspace.experiments.compose;

import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.metrics.RunMetric;
import java.util.List;

/**
 * A typed, validated run: the resolved configuration (decoded {@code Params} of every component, run
 * settings) and the components built from it. Produced only by {@link RunPlanner}; nothing in it has
 * touched TensorFlow.
 *
 * @param config the resolved configuration (what {@code config.yaml} holds)
 * @param components the composed components, already checked against each other
 * @param metrics the registered evaluation metrics, in order (built-ins first)
 */
public record RunPlan(RunConfig config, RunComponents components, List<RunMetric> metrics) {
  /** Copies the metric list. */
  public RunPlan {
    metrics = List.copyOf(metrics);
  }
}
