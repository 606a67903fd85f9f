package dev.pathspace.experiments.compose;

import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.RunComponents;

/**
 * A typed, validated run: the resolved configuration (decoded {@code Params} of every component, run
 * settings) and the components built from it. Produced only by {@link RunPlanner}; nothing in it has
 * touched TensorFlow.
 *
 * @param config the resolved configuration (what {@code config.yaml} holds)
 * @param components the composed components, already checked against each other
 */
public record RunPlan(RunConfig config, RunComponents components) {}
