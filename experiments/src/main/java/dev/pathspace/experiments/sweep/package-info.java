/**
 * Sweeps and result collection: a sweep file expanded in a fixed order into named points, sharding over
 * Slurm job arrays / Kubernetes Indexed Jobs, the sweep manifest, and {@code collect}'s grouped tables
 * (CSV, Markdown, HTML) with mean ± standard error over seeds.
 */
package dev.pathspace.experiments.sweep;
