package dev.pathspace.experiments.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files and directories atomically: the content goes to a temporary sibling
 * ({@code .NAME.tmp-XXXXXXXX}), is flushed to disk (fsync), and is renamed over the target; the parent
 * directory is then fsynced. On any failure the temporary is removed and the target keeps its previous
 * content (or stays absent), and a {@link WriteFailedException} names the target and the reason.
 *
 * <p>The {@link Storage} hook runs after the content was written and before it is committed; production
 * uses {@link #SYSTEM} (no hook), tests inject a full disk or an I/O error there.
 */
public final class AtomicFiles {
  /** Marker in the names of temporary files and directories. */
  public static final String TMP_MARK = ".tmp-";

  /** Writes the content of one target into the given temporary path. */
  @FunctionalInterface
  public interface Content {
    /** Writes the whole content to {@code tmp} (a file, or an existing empty directory). */
    void writeTo(Path tmp) throws IOException;
  }

  /** Writes the contents of several targets (e.g. a PNG and its SVG) into their temporary paths. */
  @FunctionalInterface
  public interface MultiContent {
    /** Writes each content to {@code tmps.get(i)} (null where the target is null). */
    void writeTo(List<Path> tmps) throws IOException;
  }

  /** Checked after the content is written, before it is committed: the fault-injection seam. */
  @FunctionalInterface
  public interface Storage {
    /** Throws to fail the write of {@code target} (whose content is in {@code tmp}). */
    void afterWrite(Path tmp, Path target) throws IOException;
  }

  /** The real file system without fault injection. */
  public static final AtomicFiles SYSTEM = new AtomicFiles((tmp, target) -> {});

  private final Storage storage;

  /** @param storage the hook run before every commit */
  public AtomicFiles(Storage storage) {
    this.storage = storage;
  }

  /** Writes {@code text} (UTF-8) to {@code target}. */
  public void writeString(Path target, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(target, tmp -> Files.write(tmp, bytes));
  }

  /** Writes the file {@code target} with {@code content}. */
  public void write(Path target, Content content) {
    writeAll(java.util.Arrays.asList(target), tmps -> content.writeTo(tmps.get(0)));
  }

  /**
   * Writes several files that belong together: all contents go to temporaries first, and only when every
   * one was written completely are they renamed into place (null targets are skipped).
   */
  public void writeAll(List<Path> targets, MultiContent content) {
    List<Path> tmps = new ArrayList<>();
    Path current = firstNonNull(targets);
    try {
      for (Path t : targets) {
        if (t == null) {
          tmps.add(null);
          continue;
        }
        Path parent = parentOf(t);
        Files.createDirectories(parent);
        tmps.add(tempSibling(t));
      }
      content.writeTo(tmps);
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i) == null) {
          continue;
        }
        current = targets.get(i);
        Path tmp = tmps.get(i);
        if (!Files.isRegularFile(tmp)) {
          throw new IOException("nothing was written");
        }
        storage.afterWrite(tmp, current);
        fsync(tmp);
      }
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i) != null) {
          current = targets.get(i);
          move(tmps.get(i), current);
          fsyncDirectory(parentOf(current));
        }
      }
    } catch (IOException | RuntimeException e) {
      for (Path tmp : tmps) {
        deleteQuietly(tmp);
      }
      if (e instanceof WriteFailedException w) {
        throw w;
      }
      throw new WriteFailedException(current, reason(e), e);
    }
  }

  /**
   * Writes the directory {@code target}: {@code content} fills a fresh temporary directory, every file
   * in it is fsynced, then it replaces {@code target} (an existing one is moved aside and deleted only
   * after the new one is in place).
   */
  public void writeDirectory(Path target, Content content) {
    Path tmp = null;
    Path old = null;
    try {
      Path parent = parentOf(target);
      Files.createDirectories(parent);
      tmp = tempSibling(target);
      Files.createDirectory(tmp);
      content.writeTo(tmp);
      List<Path> files;
      try (Stream<Path> s = Files.walk(tmp)) {
        files = s.filter(Files::isRegularFile).toList();
      }
      for (Path f : files) {
        storage.afterWrite(f, target.resolve(tmp.relativize(f)));
        fsync(f);
      }
      if (Files.exists(target)) {
        old = parent.resolve("." + target.getFileName() + ".old-" + shortId());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      move(tmp, target);
      fsyncDirectory(parent);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
      if (old != null && !Files.exists(target)) {
        try {
          Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
          old = null;
        } catch (IOException ignored) {
          // the previous version stays under its .old- name
        }
      }
      if (e instanceof WriteFailedException w) {
        throw w;
      }
      throw new WriteFailedException(target, reason(e), e);
    }
    deleteQuietly(old);
  }

  /**
   * Removes temporaries ({@code *.tmp-*}, {@code *.old-*}) left in {@code dir} and its subdirectories by a
   * killed process; returns how many were removed.
   */
  public static int removeStaleTemporaries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> stale;
    try (Stream<Path> s = Files.walk(dir, 2)) {
      stale = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(".") && (n.contains(TMP_MARK) || n.contains(".old-"));
      }).toList();
    } catch (IOException e) {
      return 0;
    }
    stale.forEach(AtomicFiles::deleteQuietly);
    return stale.size();
  }

  /** Deletes {@code p} (a file or a directory tree) if it exists; returns whether it existed. */
  public static boolean deleteRecursively(Path p) throws IOException {
    if (p == null || !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
    return true;
  }

  /** The operating system's reason of {@code e}, e.g. "No space left on device". */
  public static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FileSystemException f && f.getReason() != null) {
        return f.getReason();
      }
      if (t instanceof IOException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return String.valueOf(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
  }

  private static Path firstNonNull(List<Path> targets) {
    return targets.stream().filter(java.util.Objects::nonNull).findFirst().orElseThrow();
  }

  private static Path parentOf(Path p) {
    Path parent = p.toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  private static Path tempSibling(Path target) {
    return parentOf(target).resolve("." + target.getFileName() + TMP_MARK + shortId());
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Makes a rename durable; not every file system can open a directory for syncing, which is ignored. */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException ignored) {
      // e.g. not supported on this platform: the data itself was synced
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      deleteRecursively(p);
    } catch (IOException ignored) {
      // best effort: a leftover temporary is removed by removeStaleTemporaries on the next run
    }
  }
}
