package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Floating;
import dev.pathspace.api.Target;
import dev.pathspace.testkit.GraphHarness;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The closed-form scores are TF expressions differentiable in x (needed for pathwise KL gradients,
 * docs/math.md §12 item 10): tf.gradients of the log density equals the score, and tf.gradients of v·score (a
 * Hessian–vector product) equals central differences of the score along v.
 */
class ScoreDifferentiabilityTest {
  static Stream<Target> targets() {
    return Stream.of(
        new GaussianTarget(new GaussianTarget.Params(2, 1.0, 1.0, 0.0, List.of(2.0, 0.5, 0.5, 1.0))),
        new GmmTarget(GmmTarget.Params.defaults()),
        new FunnelTarget(new FunnelTarget.Params(3, 9)),
        new DoubleWellTarget(new DoubleWellTarget.Params(2, 2, 1.5)),
        new ManyWellTarget(new ManyWellTarget.Params(4, 2, 4, 0)),
        new RingsTarget(RingsTarget.Params.defaults()),
        new RosenbrockTarget(RosenbrockTarget.Params.defaults()),
        new IonosphereLogisticTarget(IonosphereLogisticTarget.Params.defaults()),
        new LgcpTarget(new LgcpTarget.Params(9, 3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void autodiffOfLogDensityAndScore(Target t) {
    int d = t.dim();
    Random rnd = new Random(17);
    double[][] x = new double[3][d];
    double[][] v = new double[3][d];
    double eps = 1e-6;
    double[][] xp = new double[3][d];
    double[][] xm = new double[3][d];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < d; j++) {
        double lo = t.domain().lower()[j];
        double hi = t.domain().upper()[j];
        x[i][j] = 0.5 * (lo + hi) + 0.25 * (hi - lo) * (2 * rnd.nextDouble() - 1);
        v[i][j] = rnd.nextGaussian();
        xp[i][j] = x[i][j] + eps * v[i][j];
        xm[i][j] = x[i][j] - eps * v[i][j];
      }
    }
    try (GraphHarness h = new GraphHarness()) {
      var tf = h.ctx().tf();
      Operand<TFloating> in = Floating.view(tf.identity(h.input(x)));
      Operand<TFloating> score = t.score(h.ctx(), in);
      Operand<?> gradLog = tf.gradients(tf.reduceSum(t.logDensity(h.ctx(), in), tf.constant(0)), List.of(in)).dy(0);
      Operand<?> hv = tf.gradients(
          tf.reduceSum(tf.math.mul(score, h.input(v)), tf.constant(new int[] {0, 1})), List.of(in)).dy(0);
      List<double[]> out = h.evalAll(List.of(score, gradLog, hv,
          t.score(h.ctx(), h.input(xp)), t.score(h.ctx(), h.input(xm))));
      for (int k = 0; k < 3 * d; k++) {
        double s = out.get(0)[k];
        // 1e-6: the rings score divides by |x| + 1e-8 (docs/math.md §7.6), a ~1e-8/|x − ring| relative offset
        assertThat(out.get(1)[k]).as("d log rho component %d", k).isCloseTo(s, within(1e-6 * (1 + Math.abs(s))));
        double fd = (out.get(3)[k] - out.get(4)[k]) / (2 * eps);
        assertThat(out.get(2)[k]).as("Hv component %d", k).isCloseTo(fd, within(1e-5 * (1 + Math.abs(fd))));
      }
    }
  }
}
