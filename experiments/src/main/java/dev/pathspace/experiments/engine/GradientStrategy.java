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
   * The configured strategy for {@code train.gradientChunk = K} (−1 resolved by {@link GradientChoice}): K = 0 differentiates the whole unroll;
   * K &gt; 0 builds one chunk graph of K steps ({@link ChunkGraphGradients}, any divergence) when the
   * sampler has one, else, for a detached-control divergence, accumulates off-policy increments over
   * chunks of the unrolled graph ({@link ChunkedOffPolicyGradients}), else the whole unroll.
   */
  static GradientStrategy of(RunConfig cfg, RunComponents c) {
    int chunk = GradientChoice.chunk(cfg, c.target().dim());
    if (chunk <= 0) {
      return new UnrolledGradients();
    }
    GradientStrategy fallback = c.divergence().requirements().detachedControl()
        ? new ChunkedOffPolicyGradients(chunk) : new UnrolledGradients();
    ChunkGraphGradients graph = new ChunkGraphGradients(chunk);
    return (ctx, comps, config, request) ->
        graph.tryBuild(ctx, comps, config, request).orElseGet(() -> fallback.build(ctx, comps, config, request));
  }
}
