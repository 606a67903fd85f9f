package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.compose.PluginRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test fixture: the real engine through the CLI ({@link PluginRegistry#discover}, {@link EngineBackend}, the
 * system clock) in a work directory, with standard output discarded and standard error captured per call;
 * {@link #runInto} starts a run of the fixture's configuration in a given {@code --out} directory.
 */
final class EngineCli {
  private final Path work;
  private final List<String> config;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /**
   * @param work the directory that relative paths and {@code runs/} resolve against
   * @param config the {@code key=value} overrides of {@link #runInto}
   */
  EngineCli(Path work, String... config) {
    this.work = work;
    this.config = List.of(config);
  }

  /** Runs the CLI with {@code args}; returns the exit code (stderr of this call in {@link #err}). */
  int run(String... args) {
    err.reset();
    CliContext ctx = new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), PluginRegistry::discover, new EngineBackend(), work,
        Clock.systemUTC(), false);
    return Main.run(args, ctx);
  }

  /** {@code run --out OUT} with the fixture's configuration. */
  int runInto(String out) {
    List<String> a = new ArrayList<>(List.of("run", "--out", out));
    a.addAll(config);
    return run(a.toArray(String[]::new));
  }

  /** Standard error of the last call. */
  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Deletes {@code p} and everything below it (e.g. a checkpoint a killed run would not have written). */
  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
