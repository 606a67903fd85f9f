/** Guice multibinding registries through which plug-in modules contribute components. */
package dev.pathspace.api.registry;
