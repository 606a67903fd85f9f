package dev.pathspace.experiments.config;

/**
 * Evaluation settings ({@code eval.*} keys).
 *
 * @param batch trajectories evaluated in total
 * @param chunk trajectories per evaluation run (memory bound); batch is streamed in chunks
 * @param referenceSamples ground-truth samples for moment/Sinkhorn metrics
 */
public record EvalSettings(int batch, int chunk, int referenceSamples) {}
