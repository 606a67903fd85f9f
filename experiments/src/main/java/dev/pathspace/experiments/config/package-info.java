/** Run configuration: YAML defaults, overlays, key=value overrides, validation, resolved records. */
package dev.pathspace.experiments.config;
