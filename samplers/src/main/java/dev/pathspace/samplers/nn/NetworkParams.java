package dev.pathspace.samplers.nn;

/**
 * Size of a control network (spec §6.2 FourierMLP, with configurable depth and activation).
 *
 * @param width hidden width H
 * @param depth number of hidden activations on the state path (L ≥ 1): d→H, (L−1)×(H→H), H→d
 * @param activation hidden activation
 * @param timeChannels C, number of Fourier frequencies of the time embedding
 */
public record NetworkParams(int width, int depth, Activation activation, int timeChannels) {
  /** Validates sizes and that an activation is given. */
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
    if (activation == null) {
      throw new IllegalArgumentException("activation must be one of " + Activation.options() + " (got null)");
    }
  }
}
