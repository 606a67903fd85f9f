package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.storage.AtomicFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything the commands use from the outside world, so tests can substitute fakes.
 *
 * @param out standard output (summary tables, listings)
 * @param err standard error (progress, messages, errors)
 * @param registry supplies the plug-in registry (discovered lazily)
 * @param backend engine + metrics
 * @param workDir directory that relative paths and {@code runs/} resolve against
 * @param clock clock for run-directory names and provenance timestamps
 * @param interactive whether progress may use a single updating {@code \r} line
 * @param env environment variables (shard auto-detection)
 * @param args the command line as given (recorded in provenance)
 * @param files the writer of every file of a run (tests inject a full disk here)
 */
public record CliContext(
    PrintStream out,
    PrintStream err,
    Supplier<PluginRegistry> registry,
    Backend backend,
    Path workDir,
    Clock clock,
    boolean interactive,
    Map<String, String> env,
    List<String> args,
    AtomicFiles files) {

  /** A context with the process environment and no recorded arguments. */
  public CliContext(
      PrintStream out, PrintStream err, Supplier<PluginRegistry> registry, Backend backend, Path workDir,
      Clock clock, boolean interactive) {
    this(out, err, registry, backend, workDir, clock, interactive, System.getenv(), List.of(), AtomicFiles.SYSTEM);
  }

  /** The production context: ServiceLoader plug-ins, the TF engine, the current directory. */
  public static CliContext standard(PrintStream out, PrintStream err) {
    return new CliContext(
        out, err, PluginRegistry::discover, new EngineBackend(), Path.of(""), Clock.systemDefaultZone(),
        System.console() != null);
  }

  /** This context with another environment. */
  public CliContext withEnv(Map<String, String> newEnv) {
    return new CliContext(out, err, registry, backend, workDir, clock, interactive, Map.copyOf(newEnv), args, files);
  }

  /** This context recording {@code commandLine} as the arguments. */
  public CliContext withArgs(List<String> commandLine) {
    return new CliContext(out, err, registry, backend, workDir, clock, interactive, env, List.copyOf(commandLine), files);
  }

  /** This context writing files through {@code newFiles}. */
  public CliContext withFiles(AtomicFiles newFiles) {
    return new CliContext(out, err, registry, backend, workDir, clock, interactive, env, args, newFiles);
  }
}
