package dev.pathspace.api;

/** Exact plain-Java sampling from a target, for metrics against ground truth. */
@FunctionalInterface
public interface GroundTruthSampler {
  /** {@code n} exact samples, {@code [n][d]}, reproducible from {@code seed}. */
  double[][] sample(int n, long seed);
}
