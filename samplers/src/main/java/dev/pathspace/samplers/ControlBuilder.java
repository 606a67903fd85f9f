package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.samplers.nn.FourierMlp;
import dev.pathspace.samplers.nn.NetworkParams;
import dev.pathspace.samplers.nn.TimeGain;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The one builder of trainable controls (docs/math.md §6.5): u(s, x) = clip(NN(s, x), c_model) +
 * [σ(s)·] clip(guide(s, x), c_score)·clip(g(s), c_model), with a {@link FourierMlp} NN (variables {@code
 * prefix/ctrl/*}) and a learned time gain g (variables {@code prefix/gain/*}); without a guide, u =
 * clip(NN). The guide is the parameterisation's score term ({@link Parameterisation#guide}) or a
 * sampler's own (the bridge's target-only interpolation).
 */
final class ControlBuilder {
  /** A guiding score term of generative time s and state x, {@code [B, d]}. */
  @FunctionalInterface
  interface Guide {
    Operand<TFloating> apply(GraphContext g, double s, Operand<TFloating> x);
  }

  private ControlBuilder() {}

  /** The control of parameterisation {@code p} with the sizes and clips of {@code params}. */
  static StepControl bind(
      GraphContext g,
      String prefix,
      Parameterisation p,
      ControlParams params,
      SimulationRequest req,
      GaussianPrior prior) {
    return guided(
        g,
        prefix,
        req,
        params.network(),
        params.clip(g),
        p.guide(req.target(), req.schedule(), prior),
        p.gainInit(),
        p.diffusionScaled());
  }

  /**
   * The control of parameterisation {@code p} bound to the fed steps of a chunk graph ({@link
   * ChunkUnroll}): the same variables and, for the same time, scale and weights, the same values as
   * {@link #bind}. Only the trainable control of a plain network or a gained score/lerp guide.
   */
  static FedControl bindFed(
      GraphContext g,
      String prefix,
      Parameterisation p,
      ControlParams params,
      SimulationRequest req,
      GaussianPrior prior,
      ChunkUnroll.Steps steps) {
    if (p == Parameterisation.LERP && prior == null) {
      throw new IllegalStateException("the lerp parameterisation needs a Gaussian prior");
    }
    FedGuide guide = switch (p) {
      case NETWORK -> null;
      case SCORE -> (gg, j, x) -> req.target().score(gg, x);
      case LERP -> (gg, j, x) -> Floating.view(gg.tf().math.add(
          gg.tf().math.mul(prior.score(gg, x), steps.oneMinusLambda(j)),
          gg.tf().math.mul(req.target().score(gg, x), steps.lambda(j))));
    };
    return guidedFed(g, prefix, req, params.network(), params.clip(g), guide, p.gainInit(), p.diffusionScaled(),
        steps);
  }

  /** A guiding score term at step j of a chunk graph (the step's time and weights are fed), {@code [B, d]}. */
  @FunctionalInterface
  interface FedGuide {
    Operand<TFloating> apply(GraphContext g, int j, Operand<TFloating> x);
  }

  /**
   * {@link #guided} bound to the fed steps of a chunk graph: the same variables and, for the same time and
   * σ, the same values.
   */
  static FedControl guidedFed(
      GraphContext g,
      String prefix,
      SimulationRequest req,
      NetworkParams network,
      Clip clip,
      FedGuide guide,
      double gainInit,
      boolean diffusionScaled,
      ChunkUnroll.Steps steps) {
    int d = req.target().dim();
    int n = steps.size();
    FourierMlp.Bound net = new FourierMlp(prefix + "/ctrl", d, d, network).bind(g, steps.times(), n);
    List<Operand<TFloating>> gain =
        guide != null ? new TimeGain(prefix + "/gain", network, gainInit).rows(g, steps.times(), n) : List.of();
    return (gg, j, x) -> {
      Operand<TFloating> nn = Clip.byValue(gg, net.apply(gg, j, x), clip.model());
      if (guide == null) {
        return nn;
      }
      Ops tf = gg.tf();
      Operand<TFloating> score = Clip.byValue(gg, guide.apply(gg, j, x), clip.score());
      if (diffusionScaled) {
        score = Floating.view(tf.math.mul(score, steps.sigma(j)));
      }
      return Floating.view(tf.math.add(nn, tf.math.mul(score, Clip.byValue(gg, gain.get(j), clip.model()))));
    };
  }

  /** A control evaluated at step j of a chunk graph (the step's time and scalars are fed). */
  @FunctionalInterface
  interface FedControl {
    /** u(s_j, x), {@code [B, d]}. */
    Operand<TFloating> apply(GraphContext g, int j, Operand<TFloating> x);
  }

  /**
   * A network plus a gained guide (or the network alone if {@code guide} is null).
   *
   * @param gainInit initial value of the time gain g
   * @param diffusionScaled whether the gained guide is multiplied by σ(s)
   */
  static StepControl guided(
      GraphContext g,
      String prefix,
      SimulationRequest req,
      NetworkParams network,
      Clip clip,
      Guide guide,
      double gainInit,
      boolean diffusionScaled) {
    SdeSchedule sde = req.schedule();
    int d = req.target().dim();
    double[] left = Tiling.left(sde.grid(req.timesteps()));
    FourierMlp.Bound net = new FourierMlp(prefix + "/ctrl", d, d, network).bind(g, left);
    List<Operand<TFloating>> gain =
        guide == null ? List.of() : new TimeGain(prefix + "/gain", network, gainInit).rows(g, left);
    return (gg, k, s, x) -> {
      Operand<TFloating> nn = Clip.byValue(gg, net.apply(gg, k, x), clip.model());
      if (guide == null) {
        return nn;
      }
      Ops tf = gg.tf();
      Operand<TFloating> score = Clip.byValue(gg, guide.apply(gg, s, x), clip.score());
      if (diffusionScaled) {
        score = Floating.view(tf.math.mul(score, gg.scalar(sde.diffusion(s))));
      }
      return Floating.view(tf.math.add(nn, tf.math.mul(score, Clip.byValue(gg, gain.get(k), clip.model()))));
    };
  }
}
