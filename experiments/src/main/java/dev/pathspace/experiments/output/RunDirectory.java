package dev.pathspace.experiments.output;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.ConfigYaml;
import dev.pathspace.experiments.config.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A run directory ({@code runs/<yyyyMMdd-HHmmss>-<overrides>/} by default) and its file writes:
 * {@code config.yaml} at once, {@code summary.json} atomically at the end.
 */
public final class RunDirectory {
  /** Maximum length of the override part of a default run-directory name. */
  public static final int MAX_SUFFIX = 80;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /**
   * The default directory name: timestamp, then the config file's stem and the overrides, sanitised to
   * {@code [A-Za-z0-9._=+-]}, joined with {@code _} and truncated to {@link #MAX_SUFFIX} characters.
   */
  public static String defaultName(LocalDateTime now, Path configFile, List<String> overrides) {
    List<String> parts = new ArrayList<>();
    if (configFile != null) {
      String stem = configFile.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
      parts.add(stem);
    }
    parts.addAll(overrides);
    String suffix = String.join("_", parts.stream().map(RunDirectory::sanitise).toList());
    suffix = suffix.replaceAll("_+", "_").replaceAll("^[_.\\-]+|[_.\\-]+$", "");
    if (suffix.length() > MAX_SUFFIX) {
      suffix = suffix.substring(0, MAX_SUFFIX).replaceAll("[_.\\-]+$", "");
    }
    String stamp = STAMP.format(now);
    return suffix.isEmpty() ? stamp : stamp + "-" + suffix;
  }

  private static String sanitise(String s) {
    return s.replaceAll("[^A-Za-z0-9._=+\\-]", "_");
  }

  /** Creates a fresh directory {@code base/name} (appending {@code -2}, {@code -3}, … if it exists). */
  public static RunDirectory createUnique(Path base, String name) {
    Path dir = base.resolve(name);
    for (int i = 2; Files.exists(dir); i++) {
      dir = base.resolve(name + "-" + i);
    }
    return create(dir);
  }

  /**
   * Creates (or reuses) {@code dir}.
   *
   * @throws ConfigException if {@code dir} already holds a finished run ({@code summary.json})
   */
  public static RunDirectory create(Path dir) {
    if (Files.exists(dir.resolve("summary.json"))) {
      throw new ConfigException(
          "Run directory '" + dir + "' already holds a finished run (summary.json); choose another --out");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ConfigException("Cannot create run directory '" + dir + "': " + e);
    }
    return new RunDirectory(dir);
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /** A file in the directory. */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Writes {@code config.yaml}. */
  public Path writeConfig(RunConfig config) {
    Path f = file("config.yaml");
    writeAtomically(f, ConfigYaml.write(config));
    return f;
  }

  /** Writes {@code text} to {@code target} through a temporary file and a (preferably atomic) move. */
  public static void writeAtomically(Path target, String text) {
    try {
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
