package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.compose.PluginRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Everything the commands use from the outside world, so tests can substitute fakes.
 *
 * @param out standard output (summary tables, listings)
 * @param err standard error (progress, messages, errors)
 * @param registry supplies the plug-in registry (discovered lazily)
 * @param backend engine + metrics
 * @param workDir directory that relative paths and {@code runs/} resolve against
 * @param clock clock for run-directory names
 * @param interactive whether progress may use a single updating {@code \r} line
 */
public record CliContext(
    PrintStream out,
    PrintStream err,
    Supplier<PluginRegistry> registry,
    RunBackend backend,
    Path workDir,
    Clock clock,
    boolean interactive) {
  /** The production context: ServiceLoader plug-ins, the TF engine, the current directory. */
  public static CliContext standard(PrintStream out, PrintStream err) {
    return new CliContext(
        out, err, PluginRegistry::discover, new EngineBackend(), Path.of(""), Clock.systemDefaultZone(),
        System.console() != null);
  }
}
