package dev.pathspace.experiments.engine;

import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.TfGraphContext;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * Adam (Kingma &amp; Ba 2015) built from the raw {@code ApplyAdam} kernel, with the beta-power updates
 * control-dependent on every apply (the tensorflow-framework 1.0.0 optimizer races there; guide §2.4).
 * Per-variable learning-rate scales come from {@link TfGraphContext.Trainable#lrScale()}. A positive weight
 * decay λ adds λθ to each (clipped) gradient before the moments, as torch.optim.Adam's {@code weight_decay}
 * (coupled L2, not AdamW).
 */
final class AdamOptimizer implements Optimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;
  private final double weightDecay;

  /** @param weightDecay coupled L2 coefficient λ ≥ 0 (0: no extra op in the graph) */
  AdamOptimizer(double weightDecay) {
    this.weightDecay = weightDecay;
  }

  /** Adam without weight decay. */
  AdamOptimizer() {
    this(0.0);
  }

  @Override
  public Op update(TfGraphContext g, List<TfGraphContext.Trainable> vars, List<Operand<TFloating>> grads, Operand<TFloating> lr) {
    Ops tf = g.tf();
    Ops init = tf.withInitScope();
    Variable<TFloating> b1p = cast(tf.withName("adam.beta1_power").variable(g.scalarIn(init, BETA1)));
    Variable<TFloating> b2p = cast(tf.withName("adam.beta2_power").variable(g.scalarIn(init, BETA2)));
    List<Op> applies = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      TfGraphContext.Trainable t = vars.get(i);
      Variable<TFloating> m = zerosLike(g, init, "adam/m/" + t.name(), t.shape());
      Variable<TFloating> v = zerosLike(g, init, "adam/v/" + t.name(), t.shape());
      Operand<TFloating> lrI = t.lrScale() == 1.0 ? lr : Floating.view(tf.math.mul(lr, g.scalar(t.lrScale())));
      Operand<TFloating> grad = grads.get(i);
      if (weightDecay > 0) {
        grad = Floating.view(tf.math.add(grad, tf.math.mul(t.variable(), g.scalar(weightDecay))));
      }
      applies.add(
          tf.train.applyAdam(
              t.variable(), m, v, b1p, b2p, lrI, g.scalar(BETA1), g.scalar(BETA2), g.scalar(EPS), grad));
    }
    Ops after = tf.withControlDependencies(applies);
    return tf.withControlDependencies(
            List.of(
                after.assign(b1p, after.math.mul(b1p, g.scalar(BETA1))),
                after.assign(b2p, after.math.mul(b2p, g.scalar(BETA2)))))
        .withName("adam.update")
        .noOp();
  }

  private static Variable<TFloating> zerosLike(TfGraphContext g, Ops init, String name, long[] shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    Operand<TFloating> zeros = g.constantIn(init, new double[(int) n], shape);
    return cast(g.tf().withName(TfGraphContext.opName(name)).variable(zeros));
  }

  @SuppressWarnings("unchecked")
  private static Variable<TFloating> cast(Variable<?> v) {
    return (Variable<TFloating>) v;
  }
}
