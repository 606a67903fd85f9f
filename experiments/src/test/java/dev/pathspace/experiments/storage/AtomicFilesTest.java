package dev.pathspace.experiments.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: complete new content or the old one, never a half file, never a leftover temporary. */
class AtomicFilesTest {
  @TempDir Path tmp;

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesReplaceAndAFailureKeepsTheOldContentWithoutTemporaries() throws Exception {
    Path f = tmp.resolve("a/config.yaml");
    AtomicFiles.SYSTEM.writeString(f, "one\n");
    AtomicFiles.SYSTEM.writeString(f, "two\n");
    assertThat(Files.readString(f)).isEqualTo("two\n");
    AtomicFiles failing = new AtomicFiles((t, target) -> {
      throw new java.nio.file.FileSystemException(target.toString(), null, "No space left on device");
    });
    assertThatThrownBy(() -> failing.writeString(f, "three\n"))
        .isInstanceOf(WriteFailedException.class)
        .hasMessage("cannot write " + f + ": No space left on device");
    assertThat(Files.readString(f)).isEqualTo("two\n");
    assertThat(names(f.getParent())).containsExactly("config.yaml");
    // a content writer that throws half-way: same guarantee
    assertThatThrownBy(() -> AtomicFiles.SYSTEM.write(f, t -> {
      Files.writeString(t, "half");
      throw new IOException("Input/output error");
    })).hasMessage("cannot write " + f + ": Input/output error");
    assertThat(Files.readString(f)).isEqualTo("two\n");
    assertThat(names(f.getParent())).containsExactly("config.yaml");
  }

  @Test
  void aGroupIsCommittedOnlyWhenEveryMemberWasWritten() throws Exception {
    Path png = tmp.resolve("samples.png");
    Path svg = tmp.resolve("samples.svg");
    AtomicFiles svgFails = new AtomicFiles((t, target) -> {
      if (target.equals(svg)) {
        throw new IOException("No space left on device");
      }
    });
    assertThatThrownBy(() -> svgFails.writeAll(List.of(png, svg), t -> {
      Files.writeString(t.get(0), "png");
      Files.writeString(t.get(1), "svg");
    })).hasMessage("cannot write " + svg + ": No space left on device");
    assertThat(names(tmp)).isEmpty();
  }

  @Test
  void directoriesAreReplacedWholeAndAFailedOneLeavesThePreviousVersion() throws Exception {
    Path d = tmp.resolve("saved_model");
    AtomicFiles.SYSTEM.writeDirectory(d, t -> Files.writeString(t.resolve("saved_model.pb"), "v1"));
    AtomicFiles.SYSTEM.writeDirectory(d, t -> Files.writeString(t.resolve("saved_model.pb"), "v2"));
    assertThat(Files.readString(d.resolve("saved_model.pb"))).isEqualTo("v2");
    assertThatThrownBy(() -> AtomicFiles.SYSTEM.writeDirectory(d, t -> {
      Files.writeString(t.resolve("saved_model.pb"), "v3-half");
      throw new IOException("No space left on device");
    })).isInstanceOf(WriteFailedException.class).hasMessageContaining(d.toString());
    assertThat(Files.readString(d.resolve("saved_model.pb"))).isEqualTo("v2");
    assertThat(names(tmp)).containsExactly("saved_model");
  }

  @Test
  void staleTemporariesOfAKilledProcessAreRemoved() throws Exception {
    Files.writeString(tmp.resolve(".summary.json.tmp-1234abcd"), "{\"half");
    Files.createDirectories(tmp.resolve("checkpoints/.step-0000200.tmp-deadbeef"));
    Files.writeString(tmp.resolve("metrics.csv"), "step\n");
    assertThat(AtomicFiles.removeStaleTemporaries(tmp)).isEqualTo(2);
    assertThat(names(tmp)).containsExactly("checkpoints", "metrics.csv");
    assertThat(names(tmp.resolve("checkpoints"))).isEmpty();
  }

  /** A real ENOSPC: a 64 KiB tmpfs (needs root and mount; skipped elsewhere). */
  @Test
  void aRealFullDiskFailsCleanly() throws Exception {
    Path mnt = tmp.resolve("small");
    Files.createDirectories(mnt);
    Assumptions.assumeTrue(mountTmpfs(mnt, "64k"), "cannot mount a tmpfs here (not root?)");
    try {
      Path f = mnt.resolve("summary.json");
      AtomicFiles.SYSTEM.writeString(f, "{\"ok\": true}\n");
      byte[] big = new byte[200 * 1024];
      assertThatThrownBy(() -> AtomicFiles.SYSTEM.write(f, t -> Files.write(t, big)))
          .isInstanceOf(WriteFailedException.class)
          .hasMessage("cannot write " + f + ": No space left on device");
      assertThat(Files.readString(f)).isEqualTo("{\"ok\": true}\n");
      assertThat(names(mnt)).containsExactly("summary.json");
    } finally {
      new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Mounts a tmpfs of {@code size} on {@code dir}; false when that is not possible here. */
  static boolean mountTmpfs(Path dir, String size) {
    try {
      Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
