/** Evaluation metrics: log Z estimates, ESS, moment errors, Sinkhorn, MMD, mode coverage. */
package dev.pathspace.experiments.metrics;
