/** Run artifacts: run directories, metrics.csv, summary.json, and paper-style plots (PNG + SVG). */
package dev.pathspace.experiments.output;
