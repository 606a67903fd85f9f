package dev.pathspace.api.tf;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Noise;
import org.tensorflow.Operand;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Stateless normal noise: draw k (in build order) uses {@code StatelessRandomNormal(shape, seed + [0, k+1])},
 * where {@code seed} is an {@code int64[2]} tensor fed per run (typically {@code [runSeed, step]}), so any
 * batch is reproducible from (seed, step) alone.
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

  @Override
  public Operand<TFloating> normal(long... shape) {
    counter++;
    Operand<TInt64> s =
        g.tf().math.add(seed, g.tf().constant(new long[] {stream << 32, counter}));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Operand<TFloating> z =
        Floating.view(g.tf().random.statelessRandomNormal(g.tf().constant(shape), s, (Class) g.dtype()));
    return z;
  }
}
