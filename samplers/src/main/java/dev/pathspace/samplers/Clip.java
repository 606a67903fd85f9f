package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Elementwise clipping shared by the control parameterisations and the Langevin baseline, and the clip
 * values of a control, read through {@link GraphContext#scheduledScalar} so that the trainer can follow
 * the reference's clip-value schedule ({@code clip_model}, {@code clip_score}).
 *
 * @param model the clip of the network outputs and the gains ({@code clip_model})
 * @param score the clip of the (interpolated) scores ({@code clip_score})
 */
record Clip(Operand<TFloating> model, Operand<TFloating> score) {
  /** Schedule key of the network/gain clip. */
  static final String CLIP_MODEL = "clip_model";
  /** Schedule key of the score clip. */
  static final String CLIP_SCORE = "clip_score";

  /** The clip values of one graph, {@code clipModel} and {@code clipScore} at step 0. */
  static Clip scheduled(GraphContext g, double clipModel, double clipScore) {
    return new Clip(g.scheduledScalar(CLIP_MODEL, clipModel), g.scheduledScalar(CLIP_SCORE, clipScore));
  }

  /** clip(x, −c, c) elementwise for a scalar operand c &gt; 0. */
  static Operand<TFloating> byValue(GraphContext g, Operand<TFloating> x, Operand<TFloating> c) {
    return Floating.view(g.tf().clipByValue(x, g.tf().math.neg(c), c));
  }

  /** clip(x, −c, c) elementwise for a constant c &gt; 0. */
  static Operand<TFloating> byValue(GraphContext g, Operand<TFloating> x, double c) {
    return Floating.view(g.tf().clipByValue(x, g.scalar(-c), g.scalar(c)));
  }
}
