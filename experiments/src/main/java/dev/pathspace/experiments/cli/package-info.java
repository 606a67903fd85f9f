/** The {@code pathspace} command line (picocli): {@code run}, {@code list}, {@code bench}. */
package dev.pathspace.experiments.cli;
