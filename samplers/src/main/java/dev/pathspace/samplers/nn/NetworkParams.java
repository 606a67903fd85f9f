package dev.pathspace.samplers.nn;

/**
 * Size of a control network (spec §6.2 FourierMLP, with configurable depth and activation).
 *
 * @param width hidden width H
 * @param depth number of hidden activations on the state path (L ≥ 1): d→H, (L−1)×(H→H), H→d
 * @param activation activation name (see {@link Activation})
 * @param timeChannels C, number of Fourier frequencies of the time embedding
 */
public record NetworkParams(int width, int depth, String activation, int timeChannels) {
  /** Validates sizes and the activation name. */
  public NetworkParams {
    if (width < 1) {
      throw new IllegalArgumentException("width must be >= 1 (got " + width + ")");
    }
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1 (got " + depth + ")");
    }
    if (timeChannels < 1) {
      throw new IllegalArgumentException("timeChannels must be >= 1 (got " + timeChannels + ")");
    }
    Activation.parse(activation);
  }
}
