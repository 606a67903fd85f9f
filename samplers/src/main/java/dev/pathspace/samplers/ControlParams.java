package dev.pathspace.samplers;

import dev.pathspace.api.GraphContext;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.samplers.nn.FourierMlp;
import dev.pathspace.samplers.nn.NetworkParams;
import dev.pathspace.samplers.nn.TimeGain;

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

  /** Hidden activations of the gain's time embedding. */
  int gainDepth();

  /** Elementwise clip of the network output and the gain. */
  double clipModel();

  /** Elementwise clip of the (interpolated) score. */
  double clipScore();

  /** The network size. */
  default NetworkParams network() {
    return new NetworkParams(width(), depth(), activation(), timeChannels(), gainDepth());
  }

  /** The clip values of one graph (scheduled {@code clip_model} / {@code clip_score}). */
  default Clip clip(GraphContext g) {
    return Clip.scheduled(g, clipModel(), clipScore());
  }

  /** Trainable scalars of one control network on dimension d, plus its gain network if {@code withGain}. */
  default long controlParameterCount(int dim, boolean withGain) {
    NetworkParams net = network();
    long n = new FourierMlp("count", dim, dim, net).parameterCount();
    return withGain ? n + new TimeGain("count", net, 1.0).parameterCount() : n;
  }

  /** Validates the shared fields, naming the offending one. */
  static void check(
      int width,
      int depth,
      Activation activation,
      int timeChannels,
      int gainDepth,
      double clipModel,
      double clipScore) {
    new NetworkParams(width, depth, activation, timeChannels, gainDepth);
    ParamChecks.positive("clipModel", clipModel);
    ParamChecks.positive("clipScore", clipScore);
  }
}
