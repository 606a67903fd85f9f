package dev.pathspace.experiments.engine;

/**
 * Figures of {@code pathspace bench} for one configuration.
 *
 * @param buildSeconds graph construction + session creation
 * @param firstStepSeconds the first training step (graph optimisation dominates it)
 * @param msPerStep median milliseconds per training step after warm-up
 * @param stepsPerSecond 1000 / msPerStep
 * @param evalTrajectoriesPerSecond evaluation throughput (no gradients)
 * @param peakRssMb peak resident set size of the process (VmHWM), MiB
 * @param networkGflops achieved GFLOP/s of the control network's matrix products during training
 * @param matmulGflops GFLOP/s of a large float32 MatMul measured in the same process (0 if not measured)
 */
public record BenchResult(
    double buildSeconds,
    double firstStepSeconds,
    double msPerStep,
    double stepsPerSecond,
    double evalTrajectoriesPerSecond,
    double peakRssMb,
    double networkGflops,
    double matmulGflops) {}
