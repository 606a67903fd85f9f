/**
 * Composition root: plug-in discovery ({@code ServiceLoader} of Guice modules), the registries and the
 * run planner: one per-run child injector that turns config layers into a validated {@code RunPlan}.
 */
package dev.pathspace.experiments.compose;
