package dev.pathspace.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The points of a sweep that have no finished run, for {@code collect}: every point listed in
 * {@code ROOT/sweep-manifest.json} whose directory lacks {@code summary.json}. {@code pathspace sweep}
 * records why a point failed in {@code RUN_DIR/failure.txt} ({@link #record}), so the report can tell a
 * failed point (e.g. diverged training) from one that was interrupted or never started.
 */
public final class SweepFailures {
  /** The failure note a sweep writes into a failed point's run directory. */
  public static final String FILE = "failure.txt";

  private SweepFailures() {}

  /**
   * One point without a finished run.
   *
   * @param index the point's index in the sweep's expansion order
   * @param dir its run directory, relative to the sweep root
   * @param state "failed: &lt;reason&gt;", "interrupted (no summary.json)" or "not started"
   */
  public record Incomplete(int index, String dir, String state) {}

  /** Writes {@code message} to {@code runDir/failure.txt} (best effort: a sweep must go on). */
  public static void record(Path runDir, String message) {
    try {
      Files.createDirectories(runDir);
      Path tmp = Files.createTempFile(runDir, ".failure-", ".tmp");
      Files.writeString(tmp, message.strip() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // the sweep's own log and exit code still report the failure
    }
  }

  /** Removes a previous attempt's failure note before a point is run again. */
  public static void clear(Path runDir) {
    try {
      Files.deleteIfExists(runDir.resolve(FILE));
    } catch (IOException e) {
      // a stale note only matters if this attempt does not finish; summary.json wins in find()
    }
  }

  /** Incomplete points of the sweep rooted at {@code root}; empty if it has no manifest. */
  public static List<Incomplete> find(Path root) {
    Path manifest = root.resolve(SweepManifest.FILE);
    if (!Files.isRegularFile(manifest)) {
      return List.of();
    }
    JsonNode m;
    try {
      m = new ObjectMapper().readTree(Files.readString(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest, e);
    }
    List<Incomplete> out = new ArrayList<>();
    for (JsonNode p : m.path("points")) {
      String name = p.path("dir").asText();
      Path dir = root.resolve(name);
      if (Files.isRegularFile(dir.resolve("summary.json"))) {
        continue;
      }
      out.add(new Incomplete(p.path("index").asInt(), name, state(dir)));
    }
    return out;
  }

  private static String state(Path dir) {
    Path failure = dir.resolve(FILE);
    if (Files.isRegularFile(failure)) {
      try {
        return "failed: " + Files.readString(failure).strip().lines().findFirst().orElse("");
      } catch (IOException e) {
        return "failed (unreadable " + FILE + ")";
      }
    }
    return Files.isDirectory(dir) ? "interrupted (no summary.json)" : "not started";
  }

  /** Markdown section listing {@code incomplete} points out of {@code total}. */
  public static String markdown(List<Incomplete> incomplete, int total) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n## Failed or incomplete points\n\n")
        .append(incomplete.size()).append(" of ").append(total)
        .append(" sweep points have no finished run (not in the table above):\n\n")
        .append("| point | run directory | state |\n|---:|---|---|\n");
    for (Incomplete i : incomplete) {
      sb.append("| ").append(i.index()).append(" | ").append(i.dir().replace("|", "\\|")).append(" | ")
          .append(i.state().replace("|", "\\|")).append(" |\n");
    }
    return sb.toString();
  }

  /** Number of points in the sweep rooted at {@code root} (0 without a manifest). */
  public static int pointCount(Path root) {
    Path manifest = root.resolve(SweepManifest.FILE);
    if (!Files.isRegularFile(manifest)) {
      return 0;
    }
    try {
      return new ObjectMapper().readTree(Files.readString(manifest)).path("points").size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest, e);
    }
  }
}
