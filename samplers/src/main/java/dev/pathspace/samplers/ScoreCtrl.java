package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Target;
import dev.pathspace.samplers.nn.FourierMlp;
import dev.pathspace.samplers.nn.NetworkParams;
import dev.pathspace.samplers.nn.TimeGain;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The {@code score} control parameterisation of spec §6.5 (ScoreCtrl, used by PIS and DDS):
 * u = clip(NN(t, x), clipModel) + clip(∇log ρ(x), clipScore)·clip(g(t), clipModel) with the time gain g
 * initialised to 0.01; or {@code network}: u = clip(NN(t, x), clipModel) (spec {@code *_no_score}).
 */
final class ScoreCtrl {
  /** Initial value of the score gain (spec §6.3, score configs). */
  static final double GAIN_INIT = 0.01;

  private ScoreCtrl() {}

  /**
   * Binds the control networks (variables {@code prefix/ctrl/*} and {@code prefix/gain/*}) to the left
   * grid points {@code left}.
   */
  static TimeReversalUnroll.StepControl bind(
      GraphContext g,
      String prefix,
      Target target,
      NetworkParams network,
      boolean withScore,
      double clipModel,
      double clipScore,
      double[] left) {
    int d = target.dim();
    FourierMlp.Bound net = new FourierMlp(prefix + "/ctrl", d, d, network).bind(g, left);
    List<Operand<TFloating>> gain =
        withScore ? new TimeGain(prefix + "/gain", network, GAIN_INIT).rows(g, left) : List.of();
    return (gg, k, s, x) -> {
      Ops tf = gg.tf();
      Operand<TFloating> nn = DisSampler.clip(gg, net.apply(gg, k, x), clipModel);
      if (!withScore) {
        return nn;
      }
      Operand<TFloating> score = DisSampler.clip(gg, target.score(gg, x), clipScore);
      return Floating.view(tf.math.add(nn, tf.math.mul(score, DisSampler.clip(gg, gain.get(k), clipModel))));
    };
  }

  /** Validates a parameterisation name. */
  static void checkParameterisation(String parameterisation) {
    if (!List.of("score", "network").contains(parameterisation)) {
      throw new IllegalArgumentException(
          "parameterisation must be one of [score, network] (got '" + parameterisation + "')");
    }
  }
}
