package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.OptionNames;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;
import java.util.Arrays;
import org.tensorflow.op.Ops;

/**
 * The control parameterisations of the reference code (docs/math.md §6.5), config values {@code network},
 * {@code score} and {@code lerp}. Each is a guiding score term added to the network, built by {@link
 * ControlBuilder}:
 *
 * <ul>
 *   <li>{@code network}: u = clip(NN(s, x)) (the reference's {@code *_no_score} models);
 *   <li>{@code score} (ScoreCtrl, PIS and DDS): u = clip(NN) + clip(∇log ρ(x))·clip(g(s)), gain g
 *       initialised to 0.01;
 *   <li>{@code lerp} (LerpCtrl, DIS): u = clip(NN) + σ(s)·clip((1 − s/T)∇log p_prior(x) + (s/T)∇log
 *       ρ(x))·clip(g(s)), gain initialised to 1.
 * </ul>
 */
public enum Parameterisation {
  /** The network alone. */
  NETWORK,
  /** Network plus a gained target score. */
  SCORE,
  /** Network plus σ times a gained interpolation of prior and target scores. */
  LERP;

  /** The config value ({@code network}, {@code score}, {@code lerp}). */
  @Override
  public String toString() {
    return OptionNames.of(this);
  }


  /**
   * The guiding score of this parameterisation, or null for {@link #NETWORK}.
   *
   * @param prior the prior whose score {@link #LERP} interpolates (unused otherwise; may be null then)
   */
  ControlBuilder.Guide guide(Target target, SdeSchedule sde, GaussianPrior prior) {
    double terminal = sde.terminalTime();
    return switch (this) {
      case NETWORK -> null;
      case SCORE -> (g, s, x) -> target.score(g, x);
      case LERP -> {
        if (prior == null) {
          throw new IllegalStateException("the lerp parameterisation needs a Gaussian prior");
        }
        yield (g, s, x) -> {
          Ops tf = g.tf();
          double lambda = s / terminal;
          return Floating.view(
              tf.math.add(
                  tf.math.mul(prior.score(g, x), g.scalar(1 - lambda)),
                  tf.math.mul(target.score(g, x), g.scalar(lambda))));
        };
      }
    };
  }

  /** Initial value of the time gain g (docs/math.md §6.3): 0.01 for score, 1 for lerp. */
  double gainInit() {
    return this == LERP ? 1.0 : 0.01;
  }

  /** Whether the gained score is multiplied by the diffusion σ(s) (lerp). */
  boolean diffusionScaled() {
    return this == LERP;
  }

  /**
   * Fails unless {@code value} is one of {@code allowed}, naming the parameter and the valid options
   * (e.g. {@code parameterisation must be one of [lerp, network] (got 'score')}).
   */
  static Parameterisation require(Parameterisation value, Parameterisation... allowed) {
    if (value == null || !Arrays.asList(allowed).contains(value)) {
      throw new IllegalArgumentException(
          "parameterisation must be one of " + Arrays.toString(allowed) + " (got '" + value + "')");
    }
    return value;
  }
}
