package dev.pathspace.experiments.sweep;

import java.util.List;

/**
 * One point of an expanded sweep.
 *
 * @param index position in the fixed expansion order (0-based)
 * @param overrides the grid's {@code key=value} entries of this point, in grid-key order
 * @param name run-directory name derived from the overrides (deterministic, sanitised, unique in the sweep)
 */
public record SweepPoint(int index, List<String> overrides, String name) {
  /** Copies the overrides. */
  public SweepPoint {
    overrides = List.copyOf(overrides);
  }

  /** Whether shard {@code shard} runs this point ({@code index mod count == shard index}). */
  public boolean belongsTo(Sharding shard) {
    return index % shard.count() == shard.index();
  }
}
