package dev.pathspace.experiments.engine;

import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.RunConfig;

/**
 * How the training graph computes the gradient of the divergence loss: it simulates the training batch
 * of {@code request} with the run's sampler and builds the {@link GradientOps} that write one gradient
 * buffer per trainable variable.
 */
interface GradientStrategy {
  /** Builds the simulation, loss and gradient ops into {@code ctx}'s graph. */
  GradientOps build(TfGraphContext ctx, RunComponents c, RunConfig cfg, SimulationRequest request);

  /**
   * The configured strategy: chunked off-policy gradients when {@code train.gradientChunk > 0} and the
   * divergence simulates with a detached control, otherwise the whole unroll is differentiated.
   */
  static GradientStrategy of(RunConfig cfg, RunComponents c) {
    int chunk = cfg.train().gradientChunk();
    if (chunk > 0 && c.divergence().requirements().detachedControl()) {
      return new ChunkedOffPolicyGradients(chunk);
    }
    return new UnrolledGradients();
  }
}
