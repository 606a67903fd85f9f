/**
 * The {@code pathspace} command line (picocli): {@code run} (and {@code run --resume}), {@code list},
 * {@code bench}, {@code sweep}, {@code collect}, {@code rerun}, {@code export}, {@code sample}.
 */
package dev.pathspace.experiments.cli;
