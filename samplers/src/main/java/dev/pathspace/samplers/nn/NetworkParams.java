package dev.pathspace.samplers.nn;

/**
 * Size of a control network (docs/math.md §6.2 FourierMLP, with configurable depth and activation).
 *
 * @param width hidden width H
 * @param depth number of hidden activations on the state path (L ≥ 1): d→H, (L−1)×(H→H), H→d
 * @param activation hidden activation
 * @param timeChannels C, number of Fourier frequencies of the time embedding
 * @param gainDepth hidden activations of a time gain's embedding (G ≥ 1): 2C→H, (G−1)×(H→H), H→1; the
 *     reference's {@code time_embed} with {@code num_layers: 4} is G = 3 (as the reference FourierMLP's
 *     {@code num_layers} is {@code depth} + 1)
 */
public record NetworkParams(int width, int depth, Activation activation, int timeChannels, int gainDepth) {
  /** Validates sizes and that an activation is given. */
  public NetworkParams {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1 (got " + width + ")");
    }
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1 (got " + depth + ")");
    }
    if (gainDepth < 1) {
      throw new IllegalArgumentException("gainDepth must be >= 1 (got " + gainDepth + ")");
    }
    if (timeChannels < 1) {
      throw new IllegalArgumentException("timeChannels must be >= 1 (got " + timeChannels + ")");
    }
    if (activation == null) {
      throw new IllegalArgumentException("activation must be one of " + Activation.options() + " (got null)");
    }
  }
}
