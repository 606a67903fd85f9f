package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.TensorData;
import dev.pathspace.api.tf.TfGraphContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * Adam with weight decay against two hand-computed float64 steps of torch.optim.Adam's coupled L2 rule
 * (g ← g + λθ, then the moments) with TF's ApplyAdam update (lr_t = lr·√(1−β2^t)/(1−β1^t),
 * θ ← θ − lr_t·m/(√v + ε)).
 */
class AdamOptimizerTest {
  private static final double B1 = 0.9;
  private static final double B2 = 0.999;
  private static final double EPS = 1e-8;

  private static double[] run(double weightDecay, double[] theta0, double[] grad, double lr, int steps) {
    try (Graph graph = new Graph()) {
      TfGraphContext ctx = new TfGraphContext(graph, TFloat64.class);
      ctx.trainable("w", theta0, theta0.length);
      TfGraphContext.Trainable t = ctx.trainables().get(0);
      Operand<TFloating> g = ctx.constant(grad, grad.length);
      Op update = new AdamOptimizer(weightDecay).update(ctx, ctx.trainables(), List.of(g), ctx.scalar(lr));
      try (Session s = new Session(graph)) {
        for (int i = 0; i < steps; i++) {
          s.runner().addTarget(update).run().close();
        }
        try (Result r = s.runner().fetch(Floating.view(ctx.tf().identity(t.variable()))).run()) {
          return TensorData.toDoubles(r.get(0));
        }
      }
    }
  }

  private static double[] byHand(double wd, double[] theta0, double[] grad, double lr, int steps) {
    double[] th = theta0.clone();
    double[] m = new double[th.length];
    double[] v = new double[th.length];
    for (int k = 1; k <= steps; k++) {
      double lrT = lr * Math.sqrt(1 - Math.pow(B2, k)) / (1 - Math.pow(B1, k));
      for (int i = 0; i < th.length; i++) {
        double gi = grad[i] + wd * th[i];
        m[i] = B1 * m[i] + (1 - B1) * gi;
        v[i] = B2 * v[i] + (1 - B2) * gi * gi;
        th[i] -= lrT * m[i] / (Math.sqrt(v[i]) + EPS);
      }
    }
    return th;
  }

  @Test
  void weightDecayIsCoupledL2OnTheGradient() {
    double[] theta0 = {0.5, -1.5, 3.0};
    double[] grad = {0.3, 0.0, -2e-3};
    double wd = 0.1;
    double lr = 0.01;
    double[] got = run(wd, theta0, grad, lr, 2);
    double[] want = byHand(wd, theta0, grad, lr, 2);
    for (int i = 0; i < got.length; i++) {
      assertThat(got[i]).isCloseTo(want[i], within(1e-14));
    }
    // the decay matters: without it the second coordinate (zero gradient) would not move
    double[] plain = run(0.0, theta0, grad, lr, 2);
    assertThat(plain[1]).isEqualTo(-1.5);
    assertThat(got[1]).isGreaterThan(-1.5 + 0.5 * lr);
    // and the third, whose gradient is smaller than λθ, moves the other way
    assertThat(plain[2]).isGreaterThan(3.0);
    assertThat(got[2]).isLessThan(3.0);
  }
}
