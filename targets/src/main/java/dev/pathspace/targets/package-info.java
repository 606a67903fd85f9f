/**
 * Target densities (docs/math.md §7): Gaussians, Gaussian mixtures, Neal's funnel, double/many wells, rings,
 * Rosenbrock, Bayesian logistic regression (Ionosphere, Sonar) and the log-Gaussian Cox process on the
 * Finnish pines data, registered by {@link dev.pathspace.targets.TargetsModule}.
 */
package dev.pathspace.targets;
