package dev.pathspace.api.tf;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Noise;
import org.tensorflow.Operand;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Stateless normal noise: draw k (in build order, k = 1, 2, …) uses
 * {@code StatelessRandomNormal(shape, seed + [stream·2³², k·2³²])}, where {@code seed} is an {@code int64[2]}
 * tensor fed per run (typically {@code [runSeed, step]}), so any batch is reproducible from (seed, step)
 * alone. The draw index lives in the high 32 bits of the second word and the fed step in the low ones, so
 * (step, k) pairs never collide: with {@code seed + [0, k]} (before 2026-12-02) step t + 1's draw k was
 * step t's draw k + 1, i.e. consecutive training steps reused each other's Brownian increments shifted by
 * one time step.
 */
public final class StatelessNoise implements Noise {
  private final GraphContext g;
  private final Operand<TInt64> seed;
  private final long stream;
  private long counter;

  /**
   * @param g graph context
   * @param seed fed {@code int64[2]} seed
   * @param stream separates independent noise streams that share a seed (e.g. train vs eval)
   */
  public StatelessNoise(GraphContext g, Operand<TInt64> seed, long stream) {
    this.g = g;
    this.seed = seed;
    this.stream = stream;
  }

  /** The number of draws made so far (the next draw has index {@code draws() + 1}). */
  public long draws() {
    return counter;
  }

  /** The stream of this source. */
  public long stream() {
    return stream;
  }

  /**
   * The {@code int64[2]} key of draw {@code draw} (1-based) of stream {@code stream} for the fed seed
   * {@code seed}: the value the graph computes in {@link #normal} (two's-complement addition, as TF's).
   */
  public static long[] key(long[] seed, long stream, long draw) {
    return new long[] {seed[0] + (stream << 32), seed[1] + (draw << 32)};
  }

  @Override
  public Operand<TFloating> normal(long... shape) {
    counter++;
    Operand<TInt64> s =
        g.tf().math.add(seed, g.tf().constant(new long[] {stream << 32, counter << 32}));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloating> z =
        Floating.view(g.tf().random.statelessRandomNormal(g.tf().constant(shape), s, (Class) g.dtype()));
    return z;
  }
}
