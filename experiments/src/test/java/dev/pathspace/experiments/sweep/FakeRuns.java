package dev.pathspace.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixture: a finished-looking DIS run directory on the 2-D GMM, for the collect and report tests. */
public final class FakeRuns {
  private FakeRuns() {}

  /**
   * Writes {@code dir/config.yaml} (sampler dis, the given divergence, target gmm with dim 2, the seed) and
   * {@code dir/summary.json} with {@code summaryJson}; returns {@code dir}.
   */
  public static Path write(Path dir, String divergence, int seed, String summaryJson) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.yaml"), """
        sampler: {type: dis}
        divergence: {type: %s}
        target: {type: gmm, dim: 2}
        seed: %d
        """.formatted(divergence, seed));
    Files.writeString(dir.resolve("summary.json"), summaryJson);
    return dir;
  }
}
