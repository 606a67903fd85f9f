package dev.pathspace.samplers.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.testkit.GraphHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;
import org.junit.jupiter.api.Test;

/** Exact MLP Jacobian diagonal against finite differences. */
public class MlpDivergenceTest {
  private static final int D = 3;
  private static final double H = 1e-5;

  /** Overwrites the zero-initialised output layer (and all other weights stay at their init). */
  public static void randomiseOutput(GraphHarness h, String prefix, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Operand<?>> assigns = new ArrayList<>();
    for (TfGraphContext.Trainable t : h.ctx().trainables()) {
      if (t.name().startsWith(prefix + "/out")) {
        double[] v = new double[t.init().length];
        for (int i = 0; i < v.length; i++) {
          v[i] = r.nextDouble(-1, 1);
        }
        assigns.add(h.ctx().tf().assign(t.variable(), h.ctx().constant(v, t.shape())));
      }
    }
    h.evalAll(assigns);
  }

  @Test
  void jacobianDiagonalMatchesCentralDifferencesForEveryActivation() {
    double[][] x = {{0.3, -0.7, 1.1}, {-1.2, 0.4, 0.05}};
    for (String act : List.of("tanh", "relu", "softplus", "silu", "gelu")) {
      for (int depth : new int[] {1, 3}) {
        try (GraphHarness h = new GraphHarness()) {
          FourierMlp.Bound net =
              new FourierMlp("net", D, D, new NetworkParams(6, depth, Activation.parse(act), 4)).bind(h.ctx(), new double[] {0.4});
          MlpDivergence.Result res = net.applyWithDivergence(h.ctx(), 0, h.input(x));
          List<Operand<?>> fetch = new ArrayList<>(List.of(res.output(), res.jacobianDiagonal(),
              res.divergence(h.ctx()), net.apply(h.ctx(), 0, h.input(x))));
          for (int i = 0; i < D; i++) {
            for (double sign : new double[] {1, -1}) {
              double[][] xs = new double[x.length][];
              for (int b = 0; b < x.length; b++) {
                xs[b] = x[b].clone();
                xs[b][i] += sign * H;
              }
              fetch.add(net.apply(h.ctx(), 0, h.input(xs)));
            }
          }
          randomiseOutput(h, "net", 7);
          List<double[]> v = h.evalAll(fetch);
          double[] out = v.get(0);
          double[] diag = v.get(1);
          double[] div = v.get(2);
          assertThat(out).containsExactly(v.get(3), within(1e-12));
          for (int b = 0; b < x.length; b++) {
            double sum = 0;
            for (int i = 0; i < D; i++) {
              double fd = (v.get(4 + 2 * i)[b * D + i] - v.get(5 + 2 * i)[b * D + i]) / (2 * H);
              assertThat(diag[b * D + i]).as(act + " depth " + depth).isCloseTo(fd, within(1e-7));
              sum += diag[b * D + i];
            }
            assertThat(div[b]).isCloseTo(sum, within(1e-12));
            assertThat(Math.abs(sum)).as("non-trivial Jacobian").isGreaterThan(1e-4);
          }
        }
      }
    }
  }

  @Test
  void divergenceHasFiniteGradientsWithRespectToTheWeights() {
    try (GraphHarness h = new GraphHarness()) {
      var tf = h.ctx().tf();
      FourierMlp.Bound net =
          new FourierMlp("net", D, D, new NetworkParams(6, 2, Activation.TANH, 4), 0.5).bind(h.ctx(), new double[] {0.4});
      Operand<TFloating> div =
          net.applyWithDivergence(h.ctx(), 0, h.input(new double[][] {{0.1, 0.2, 0.3}})).divergence(h.ctx());
      var loss = Floating.view(tf.math.square(tf.sum(div, tf.constant(0))));
      // the divergence does not depend on the output bias
      var vars = h.ctx().trainables().stream().filter(t -> !t.name().equals("net/out/b"))
          .map(t -> (Operand<?>) t.variable()).toList();
      var grads = tf.gradients(loss, vars);
      randomiseOutput(h, "net", 3);
      for (int i = 0; i < vars.size(); i++) {
        for (double g : h.eval(grads.dy(i))) {
          assertThat(g).isFinite();
        }
      }
      assertThat(h.ctx().trainables()).allMatch(t -> t.lrScale() == 0.5);
    }
  }
}
