/**
 * Run artifacts: run directories (+ lock), metrics.csv, summary.json, provenance.json, TensorBoard events,
 * paper-style plots (PNG + SVG), and SavedModel sampling to CSV/NPY.
 */
package dev.pathspace.experiments.output;
