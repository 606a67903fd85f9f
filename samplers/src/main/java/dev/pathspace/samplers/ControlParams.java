package dev.pathspace.samplers;

import dev.pathspace.api.GraphContext;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.samplers.nn.NetworkParams;

/**
 * The control settings every trained sampler's {@code Params} record has (as flat config keys {@code
 * sampler.width}, {@code sampler.depth}, …): the network size, its activation and the two clip values.
 */
interface ControlParams {
  /** Hidden width of the control network. */
  int width();

  /** Hidden layers on the state path. */
  int depth();

  /** Hidden activation. */
  Activation activation();

  /** Fourier frequencies of the time embedding. */
  int timeChannels();

  /** Elementwise clip of the network output and the gain. */
  double clipModel();

  /** Elementwise clip of the (interpolated) score. */
  double clipScore();

  /** The network size. */
  default NetworkParams network() {
    return new NetworkParams(width(), depth(), activation(), timeChannels());
  }

  /** The clip values of one graph (scheduled {@code clip_model} / {@code clip_score}). */
  default Clip clip(GraphContext g) {
    return Clip.scheduled(g, clipModel(), clipScore());
  }

  /** Validates the shared fields, naming the offending one. */
  static void check(
      int width, int depth, Activation activation, int timeChannels, double clipModel, double clipScore) {
    new NetworkParams(width, depth, activation, timeChannels);
    ParamChecks.positive("clipModel", clipModel);
    ParamChecks.positive("clipScore", clipScore);
  }
}
