package dev.pathspace.experiments.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.ConfigYaml;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run directory ({@code runs/<yyyyMMdd-HHmmss>-<overrides>/} by default): its identity and state in
 * {@code run.json} (the fingerprint of the resolved configuration, the code version, the {@link State}, the
 * step reached and the step + fingerprint each derived artifact came from), its exclusive {@link Lock}, and
 * its file writes (all through {@link AtomicFiles}).
 */
public final class RunDirectory {
  /** Maximum length of the override part of a default run-directory name. */
  public static final int MAX_SUFFIX = 80;
  /** The identity and state file. */
  public static final String STATUS_FILE = "run.json";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /**
   * The life of a run: created → training → trained → evaluated → complete, or failed / interrupted.
   * Only {@link #COMPLETE} counts as a finished run for sweeps and {@code collect}.
   */
  public enum State {
    /** Directory, {@code config.yaml} and {@code provenance.json} written; no step trained yet. */
    CREATED,
    /** Training (or killed while training: see {@link Status#interrupted}). */
    TRAINING,
    /** Training finished; {@code train.json} written; not yet evaluated. */
    TRAINED,
    /** {@code summary.json} written; plots not yet drawn. */
    EVALUATED,
    /** Everything written; the results are finite. */
    COMPLETE,
    /** Ended with an error (diverged, did not train, non-finite evaluation); see {@code reason}. */
    FAILED,
    /** Stopped by a signal after a checkpoint; continue with {@code --resume}. */
    INTERRUPTED;

    /** The lower-case name written to {@code run.json}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State of(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * The content of {@code run.json}.
   *
   * @param fingerprint fingerprint of the resolved configuration ({@link ConfigYaml#fingerprint})
   * @param codeVersion pathspace version and git commit of the code that started the run
   * @param state the state
   * @param step the last step known to be trained (checkpointed)
   * @param reason why the run failed or was interrupted (null otherwise)
   * @param updated when the state was last written
   * @param artifacts derived file or directory name → {@code {step, fingerprint}} it was made from
   */
  public record Status(
      String fingerprint, String codeVersion, State state, int step, String reason, String updated,
      Map<String, Map<String, Object>> artifacts) {
    /** This status in {@code state} at {@code step} with {@code reason}. */
    public Status to(State next, int atStep, String why, Instant now) {
      return new Status(fingerprint, codeVersion, next, atStep, why, now.toString(), artifacts);
    }

    /** This status recording that {@code artifact} was made from {@code atStep} of this run. */
    public Status withArtifact(String artifact, int atStep) {
      Map<String, Map<String, Object>> a = new LinkedHashMap<>(artifacts);
      Map<String, Object> from = new LinkedHashMap<>();
      from.put("step", atStep);
      from.put("fingerprint", fingerprint);
      a.put(artifact, from);
      return new Status(fingerprint, codeVersion, state, step, reason, updated, a);
    }

    /** This status without the records of {@code names}. */
    public Status withoutArtifacts(List<String> names) {
      Map<String, Map<String, Object>> a = new LinkedHashMap<>(artifacts);
      names.forEach(a::remove);
      return new Status(fingerprint, codeVersion, state, step, reason, updated, a);
    }

    /** Whether the run stopped before completing (killed, signalled or crashed while not failed). */
    public boolean unfinished() {
      return state != State.COMPLETE && state != State.FAILED;
    }
  }

  /** A fresh status of a run with {@code fingerprint} in state created. */
  public static Status newStatus(String fingerprint, String codeVersion, Instant now) {
    return new Status(fingerprint, codeVersion, State.CREATED, 0, null, now.toString(), new LinkedHashMap<>());
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
   * @throws ConfigException if {@code dir} already holds a finished run, or cannot be created
   */
  public static RunDirectory create(Path dir) {
    RunDirectory d = new RunDirectory(dir);
    Optional<Status> st = d.status();
    if (Files.exists(dir.resolve("summary.json"))
        && (st.isEmpty() || st.get().state() == State.COMPLETE)) {
      throw new ConfigException(
          "Run directory '" + dir + "' already holds a finished run (summary.json); choose another --out");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ConfigException("Cannot create run directory '" + dir + "': " + AtomicFiles.reason(e)
          + "; choose a writable --out");
    }
    return d;
  }

  /** An existing directory, for reading its state (nothing is created). */
  public static RunDirectory existing(Path dir) {
    return new RunDirectory(dir);
  }

  /**
   * Checks that a new run with {@code fingerprint} may start in this directory: it must be empty (or hold
   * only a lock file) — a directory of another run, an interrupted run or a folder that is not a run is
   * refused with a message naming {@code --resume} or a fresh {@code --out}.
   *
   * @throws ConfigException otherwise
   */
  public void requireFreshFor(String fingerprint) {
    Optional<Status> st = status();
    if (st.isPresent()) {
      Status s = st.get();
      if (s.state() == State.COMPLETE) {
        throw new ConfigException("Run directory '" + dir + "' already holds a finished run (summary.json);"
            + " choose another --out");
      }
      if (!s.fingerprint().equals(fingerprint)) {
        throw new ConfigException("Run directory '" + dir + "' holds a run of another configuration (fingerprint "
            + s.fingerprint() + ", this one " + fingerprint + "); choose a fresh --out");
      }
      throw new ConfigException("Run directory '" + dir + "' holds an unfinished run of this configuration (state "
          + s.state().key() + ", step " + s.step() + "); continue it with 'pathspace run --resume " + dir
          + "' or choose a fresh --out");
    }
    List<String> entries = entries();
    if (entries.contains("summary.json")) {
      throw new ConfigException("Run directory '" + dir + "' already holds a finished run (summary.json);"
          + " choose another --out");
    }
    if (entries.contains("config.yaml")) {
      throw new ConfigException("Run directory '" + dir + "' holds an earlier unfinished run (config.yaml, no "
          + STATUS_FILE + "); continue it with 'pathspace run --resume " + dir + "' or choose a fresh --out");
    }
    if (!entries.isEmpty()) {
      throw new ConfigException("'" + dir + "' is not empty and is not a pathspace run directory (it holds "
          + String.join(", ", entries.subList(0, Math.min(5, entries.size())))
          + (entries.size() > 5 ? ", …" : "") + "); choose a fresh --out");
    }
  }

  private List<String> entries() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** The directory. */
  public Path dir() {
    return dir;
  }

  /** A file in the directory. */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /**
   * The identity and state ({@code run.json}), if present.
   *
   * @throws ConfigException if it exists but cannot be read
   */
  @SuppressWarnings("unchecked")
  public Optional<Status> status() {
    Path f = file(STATUS_FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> m = new ObjectMapper().readValue(f.toFile(), LinkedHashMap.class);
      Object art = m.get("artifacts");
      Map<String, Map<String, Object>> artifacts = new LinkedHashMap<>();
      if (art instanceof Map<?, ?> am) {
        am.forEach((k, v) -> artifacts.put(String.valueOf(k), (Map<String, Object>) v));
      }
      return Optional.of(new Status((String) m.get("fingerprint"), (String) m.get("code_version"),
          State.of((String) m.get("state")), ((Number) m.getOrDefault("step", 0)).intValue(),
          (String) m.get("reason"), (String) m.get("updated"), artifacts));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("Cannot read " + f + " (" + AtomicFiles.reason(e) + "): the run directory is "
          + "damaged; choose a fresh --out");
    }
  }

  /** Writes {@code run.json} atomically. */
  public void writeStatus(AtomicFiles files, Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fingerprint", s.fingerprint());
    m.put("code_version", s.codeVersion());
    m.put("state", s.state().key());
    m.put("step", s.step());
    m.put("reason", s.reason());
    m.put("updated", s.updated());
    m.put("artifacts", s.artifacts());
    try {
      files.writeString(file(STATUS_FILE),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code config.yaml}. */
  public Path writeConfig(AtomicFiles files, RunConfig config) {
    Path f = file("config.yaml");
    files.writeString(f, ConfigYaml.write(config));
    return f;
  }

  /** Writes {@code text} to {@code target} atomically ({@link AtomicFiles#SYSTEM}). */
  public static void writeAtomically(Path target, String text) {
    AtomicFiles.SYSTEM.writeString(target, text);
  }

  /**
   * Locks this directory (created if needed); empty when another process (or this one) holds the lock.
   */
  public Optional<Lock> tryLock() {
    return Lock.tryAcquire(dir);
  }

  /**
   * An exclusive OS file lock on {@code DIR/.lock}, held while a process works in a run directory, so two
   * processes (e.g. a re-submitted shard while the first is still running) never write the same
   * directory. The OS releases it when the process dies, also on SIGKILL.
   */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    /** Locks {@code dir} (created if needed); empty when another process (or this one) holds the lock. */
    public static Optional<Lock> tryAcquire(Path dir) {
      try {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          l = null;
        }
        if (l == null) {
          ch.close();
          return Optional.empty();
        }
        return Optional.of(new Lock(ch, l));
      } catch (IOException e) {
        throw new ConfigException("Cannot lock run directory '" + dir + "': " + AtomicFiles.reason(e)
            + "; choose a writable --out");
      }
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
