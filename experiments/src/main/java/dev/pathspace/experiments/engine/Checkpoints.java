package dev.pathspace.experiments.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * Training checkpoints in {@code DIR/step-NNNNNNN/}: every variable of the graph (weights, Adam slots and
 * beta powers, EMA shadows) via SaveV2, plus {@code state.properties} with the step and the number of
 * skipped steps. The noise of step k is a pure function of (seed, k), so the step is the whole RNG
 * position. Each checkpoint is written to a temporary directory and renamed into place, so a killed run
 * never leaves a half-written checkpoint; the two newest are kept.
 */
public final class Checkpoints {
  private static final String PREFIX = "step-";
  private final Path dir;

  /** @param dir the checkpoint directory of a run (created on first save) */
  public Checkpoints(Path dir) {
    this.dir = dir;
  }

  /** A restored training position. */
  public record State(int step, int skipped) {}

  void save(Session session, int step, int skipped) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempDirectory(dir, ".tmp-" + step + "-");
      session.save(tmp.resolve("variables").toString());
      Files.writeString(tmp.resolve("state.properties"),
          "step=" + step + "\nskipped=" + skipped + "\n", StandardCharsets.UTF_8);
      Path target = dir.resolve(String.format("%s%07d", PREFIX, step));
      deleteRecursively(target);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      List<Path> all = complete();
      for (int i = 0; i < all.size() - 2; i++) {
        deleteRecursively(all.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir, e);
    }
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Path> latest() {
    List<Path> all = complete();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  State restore(Session session, Path checkpoint) {
    try {
      session.restore(checkpoint.resolve("variables").toString());
      java.util.Properties p = new java.util.Properties();
      try (var in = Files.newBufferedReader(checkpoint.resolve("state.properties"))) {
        p.load(in);
      }
      return new State(Integer.parseInt(p.getProperty("step")), Integer.parseInt(p.getProperty("skipped", "0")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpoint, e);
    }
  }

  private List<Path> complete() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .filter(p -> Files.exists(p.resolve("state.properties")))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
