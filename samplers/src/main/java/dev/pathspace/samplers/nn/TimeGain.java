package dev.pathspace.samplers.nn;

import dev.pathspace.api.GraphContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A learned scalar gain g(t) of time only (docs/math.md §6.3 time_embed): a Fourier time embedding with
 * {@code gainDepth} hidden activations and a constant-initialised output layer (weight 0, bias {@code
 * init}), so g ≡ init at initialisation.
 */
public final class TimeGain {
  private final String name;
  private final NetworkParams params;
  private final double init;
  private final double lrScale;

  /**
   * @param name variable-name prefix
   * @param params sizes (width and time channels are used)
   * @param init initial gain (1 for the lerp parameterisation, 0.01 for the score parameterisation)
   */
  public TimeGain(String name, NetworkParams params, double init) {
    this(name, params, init, 1.0);
  }

  /**
   * @param name variable-name prefix
   * @param params sizes (width and time channels are used)
   * @param init initial gain
   * @param lrScale learning-rate scale of every variable of the gain network (docs/math.md §9 param groups)
   */
  public TimeGain(String name, NetworkParams params, double init, double lrScale) {
    this.name = name;
    this.params = params;
    this.init = init;
    this.lrScale = lrScale;
  }

  /** Rows g(t_k), each {@code [1, 1]}. */
  public List<Operand<TFloating>> rows(GraphContext g, double[] times) {
    return embedding().rows(g, times);
  }

  /** Rows g(t_j) for fed times {@code [n]}, each {@code [1, 1]} (same values as for constant times). */
  public List<Operand<TFloating>> rows(GraphContext g, Operand<TFloating> times, int n) {
    return embedding().rows(g, times, n);
  }

  /** Number of trainable scalars of the gain network. */
  public long parameterCount() {
    return embedding().parameterCount();
  }

  private TimeEmbedding embedding() {
    return TimeEmbedding.gain(
        name,
        params.timeChannels(),
        params.width(),
        1,
        params.activation(),
        0.0,
        init,
        lrScale,
        params.gainDepth() - 1);
  }
}
