package dev.pathspace.api;

/**
 * Gaussian transition of an uncontrolled linear SDE: {@code X_end = meanScale · X_start + sqrt(variance) · ξ}.
 *
 * @param meanScale multiplicative factor on the start state
 * @param variance variance added per coordinate
 */
public record Transition(double meanScale, double variance) {}
