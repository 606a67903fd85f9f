package dev.pathspace.experiments.engine;

import dev.pathspace.experiments.storage.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * Training checkpoints in {@code DIR/step-NNNNNNN/}: every variable of the graph (weights, Adam slots and
 * beta powers, EMA shadows) via SaveV2, {@code state.properties} with the step, the number of skipped
 * steps and the run's metadata (see {@link #withMetadata}), and {@code checksums.sha256} with the SHA-256
 * of every other file. The noise of step k is a pure function of (seed, k), so the step is the whole RNG
 * position. Each checkpoint is written through {@link AtomicFiles#writeDirectory} (temporary directory,
 * fsync, rename), so a killed run never leaves a half-written checkpoint; the two newest are kept.
 *
 * <p>Resuming verifies the checksums and falls back to the newest intact checkpoint; the skipped ones and
 * why are in {@link #skipped()}. {@link #requestStop()} (a signal) makes the trainer write a checkpoint at
 * the current step and stop with a {@link TrainingInterruptedException}.
 */
public final class Checkpoints {
  private static final String PREFIX = "step-";
  /** File of the step, skip count and metadata. */
  public static final String STATE = "state.properties";
  /** File of the checksums of every other file of a checkpoint. */
  public static final String CHECKSUMS = "checksums.sha256";

  private final Path dir;
  private final AtomicFiles files;
  private final List<String> skipped = new ArrayList<>();
  private volatile boolean stopRequested;
  private Supplier<Map<String, String>> metadata = Map::of;

  /** @param dir the checkpoint directory of a run (created on first save) */
  public Checkpoints(Path dir) {
    this(dir, AtomicFiles.SYSTEM);
  }

  /**
   * @param dir the checkpoint directory of a run (created on first save)
   * @param files the writer of the checkpoint directories
   */
  public Checkpoints(Path dir, AtomicFiles files) {
    this.dir = dir;
    this.files = files;
  }

  /** A restored training position with the metadata saved beside it. */
  public record State(int step, int skipped, Map<String, String> metadata) {
    /** A position without metadata. */
    public State(int step, int skipped) {
      this(step, skipped, Map.of());
    }
  }

  /** Writes one checkpoint's variables under the given path prefix (SaveV2 of a session, in tests a fake). */
  @FunctionalInterface
  public interface VariableWriter {
    /** Writes the variables under {@code prefix} (files {@code prefix.index}, {@code prefix.data-*}). */
    void write(String prefix) throws IOException;
  }

  /** Restores one checkpoint's variables from a path prefix. */
  @FunctionalInterface
  public interface VariableReader {
    /** Restores the variables saved under {@code prefix}. */
    void read(String prefix);
  }

  /** Extra {@code key=value} entries written into every following checkpoint's {@code state.properties}. */
  public Checkpoints withMetadata(Supplier<Map<String, String>> supplier) {
    this.metadata = supplier;
    return this;
  }

  /** Asks the trainer to checkpoint the current step and stop (called from a signal handler). */
  public void requestStop() {
    stopRequested = true;
  }

  /** Whether {@link #requestStop()} was called. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /** Checkpoints that {@link #latest()} or a restore skipped, each with the reason. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  void save(Session session, int step, int skipped) {
    save(step, skipped, session::save);
  }

  /** Writes the checkpoint of {@code step} (replacing one of the same step), then prunes to the two newest. */
  public Path save(int step, int skippedSteps, VariableWriter variables) {
    Path target = dir.resolve(String.format("%s%07d", PREFIX, step));
    files.writeDirectory(target, tmp -> {
      variables.write(tmp.resolve("variables").toString());
      StringBuilder state = new StringBuilder("step=" + step + "\nskipped=" + skippedSteps + "\n");
      new TreeMap<>(metadata.get()).forEach((k, v) -> state.append(k).append('=').append(escape(v)).append('\n'));
      Files.writeString(tmp.resolve(STATE), state.toString(), StandardCharsets.UTF_8);
      Files.writeString(tmp.resolve(CHECKSUMS), checksums(tmp), StandardCharsets.UTF_8);
    });
    List<Path> all = complete();
    for (int i = 0; i < all.size() - 2; i++) {
      try {
        AtomicFiles.deleteRecursively(all.get(i));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove old checkpoint " + all.get(i), e);
      }
    }
    return target;
  }

  /**
   * The newest intact checkpoint, if any: checkpoints whose files are missing or fail their checksums are
   * skipped (and listed in {@link #skipped()}).
   */
  public Optional<Path> latest() {
    List<Path> all = complete();
    for (int i = all.size() - 1; i >= 0; i--) {
      Optional<String> problem = verify(all.get(i));
      if (problem.isEmpty()) {
        return Optional.of(all.get(i));
      }
      note(all.get(i), problem.get());
    }
    return Optional.empty();
  }

  /** Every checkpoint directory, oldest first (intact or not). */
  public List<Path> all() {
    return complete();
  }

  State restore(Session session, Path checkpoint) {
    return restore(checkpoint, session::restore);
  }

  /**
   * Restores {@code checkpoint}; if it cannot be read (unreadable properties or variables), the next
   * older intact checkpoint is tried, and so on.
   *
   * @throws IllegalStateException if no checkpoint could be restored
   */
  public State restore(Path checkpoint, VariableReader variables) {
    List<Path> all = complete();
    int start = all.indexOf(checkpoint);
    List<Path> candidates = new ArrayList<>();
    candidates.add(checkpoint);
    for (int i = (start < 0 ? all.size() : start) - 1; i >= 0; i--) {
      candidates.add(all.get(i));
    }
    for (Path c : candidates) {
      Optional<String> problem = c.equals(checkpoint) ? Optional.empty() : verify(c);
      if (problem.isPresent()) {
        note(c, problem.get());
        continue;
      }
      try {
        State s = readState(c);
        variables.read(c.resolve("variables").toString());
        return s;
      } catch (RuntimeException e) {
        note(c, "cannot be restored (" + firstLine(e) + ")");
      }
    }
    throw new IllegalStateException("no checkpoint in " + dir + " could be restored: " + String.join("; ", skipped));
  }

  /** The state of {@code checkpoint}, or the reason it is not intact. */
  public Optional<String> verify(Path checkpoint) {
    Path sums = checkpoint.resolve(CHECKSUMS);
    try {
      if (!Files.exists(sums)) {
        return Optional.of("missing " + CHECKSUMS);
      }
      Map<String, String> expected = new LinkedHashMap<>();
      for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
        int sp = line.indexOf("  ");
        if (sp < 0) {
          return Optional.of("malformed " + CHECKSUMS);
        }
        expected.put(line.substring(sp + 2), line.substring(0, sp));
      }
      if (!expected.containsKey(STATE) || expected.keySet().stream().noneMatch(f -> f.endsWith(".index"))) {
        return Optional.of(CHECKSUMS + " does not cover " + STATE + " and the variable index");
      }
      for (var e : expected.entrySet()) {
        Path f = checkpoint.resolve(e.getKey());
        if (!Files.isRegularFile(f)) {
          return Optional.of("missing " + e.getKey());
        }
        if (!sha256(f).equals(e.getValue())) {
          return Optional.of("checksum mismatch in " + e.getKey());
        }
      }
      readState(checkpoint);
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("unreadable (" + firstLine(e) + ")");
    }
  }

  private static State readState(Path checkpoint) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(Files.readString(checkpoint.resolve(STATE), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + checkpoint.resolve(STATE), e);
    }
    String step = p.getProperty("step");
    if (step == null) {
      throw new IllegalStateException(STATE + " has no step");
    }
    int st;
    int sk;
    try {
      st = Integer.parseInt(step.trim());
      sk = Integer.parseInt(p.getProperty("skipped", "0").trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(STATE + " has a malformed step or skip count");
    }
    String name = checkpoint.getFileName().toString();
    if (name.startsWith(PREFIX) && !name.equals(String.format("%s%07d", PREFIX, st))) {
      throw new IllegalStateException(STATE + " says step " + st + ", the directory " + name);
    }
    Map<String, String> meta = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      if (!k.equals("step") && !k.equals("skipped")) {
        meta.put(k, p.getProperty(k));
      }
    }
    return new State(st, sk, meta);
  }

  private void note(Path checkpoint, String reason) {
    String s = checkpoint.getFileName() + ": " + reason;
    if (!skipped.contains(s)) {
      skipped.add(s);
    }
  }

  private static String checksums(Path tmp) throws IOException {
    StringBuilder sb = new StringBuilder();
    List<Path> fs;
    try (Stream<Path> s = Files.walk(tmp)) {
      fs = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : fs) {
      String rel = tmp.relativize(f).toString().replace('\\', '/');
      if (!rel.equals(CHECKSUMS)) {
        sb.append(sha256(f)).append("  ").append(rel).append('\n');
      }
    }
    return sb.toString();
  }

  private static String sha256(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private List<Path> complete() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .filter(Files::isDirectory)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
