/**
 * Composition root: plug-in discovery ({@code ServiceLoader} of Guice modules), the registries and the
 * per-run child injector that turns a resolved configuration into {@code RunComponents}.
 */
package dev.pathspace.experiments.compose;
