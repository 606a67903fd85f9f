package dev.pathspace.divergences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.PathDivergenceContract;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

class MomentDivergenceTest extends PathDivergenceContract {
  private static final double INIT = 0.3;

  @Override
  protected PathDivergence create() {
    return new MomentDivergence(new MomentDivergence.Params(INIT, 10.0, 1e8));
  }

  @Override
  protected String expectedId() {
    return "moment";
  }

  @Override
  protected double lossOnConstant(double rnd) {
    return (rnd + INIT) * (rnd + INIT);
  }

  private static List<double[]> lossAndCGradient(double c, double... rnd) {
    try (GraphHarness h = new GraphHarness()) {
      Batches.Capturing g = new Batches.Capturing(h.ctx());
      DivergenceOutput out =
          new MomentDivergence(new MomentDivergence.Params(c, 10.0, 1e8)).loss(g, Batches.of(h, rnd));
      Operand<TFloating> read = g.reads.get("moment/log_z");
      Operand<?> grad = h.ctx().tf().gradients(out.loss(), List.of(read)).dy(0);
      return Batches.eval(h, List.of(out.loss(), grad, out.diagnostics().get("log_z_moment"),
          out.diagnostics().get("n_filtered")));
    }
  }

  @Test
  void lossAndGradientWithRespectToLogZ() {
    assertThat(create().requirements()).isEqualTo(SimulationRequirements.offPolicy());
    List<double[]> v = lossAndCGradient(0.5, 1, 2, 3, 4);
    assertThat(v.get(0)[0]).isCloseTo((1.5 * 1.5 + 2.5 * 2.5 + 3.5 * 3.5 + 4.5 * 4.5) / 4, within(1e-13));
    assertThat(v.get(1)[0]).isCloseTo(2 * (2.5 + 0.5), within(1e-13)); // 2·mean(rnd + c)
    assertThat(v.get(2)[0]).isEqualTo(0.5);
    assertThat(v.get(3)[0]).isZero();
  }

  @Test
  void minimiserIsMinusMeanRndAndLossThereIsTheBiasedVariance() {
    List<double[]> v = lossAndCGradient(-2.5, 1, 2, 3, 4);
    assertThat(v.get(1)[0]).isCloseTo(0.0, within(1e-13));
    assertThat(v.get(0)[0]).isCloseTo(1.25, within(1e-13)); // (M−1)/M · 5/3
  }

  @Test
  void filtersLikeLogVariance() {
    List<double[]> v = lossAndCGradient(0.0, 1, 1e9, 2, Double.NaN, 3, Double.NEGATIVE_INFINITY);
    assertThat(v.get(0)[0]).isCloseTo(14.0 / 3, within(1e-13));
    assertThat(v.get(1)[0]).isCloseTo(4.0, within(1e-13));
    assertThat(v.get(3)[0]).isEqualTo(3.0);
  }

  @Test
  void logZIsATrainableScalarWithItsLearningRateScale() {
    try (GraphHarness h = new GraphHarness()) {
      create().loss(h.ctx(), Batches.of(h, 1, 2));
      TfGraphContext.Trainable t = h.ctx().trainables().get(0);
      assertThat(t.name()).isEqualTo("moment/log_z");
      assertThat(t.shape()).isEmpty();
      assertThat(t.lrScale()).isEqualTo(10.0);
    }
  }

  @Test
  void invalidParamsAreRejected() {
    assertThatThrownBy(() -> new MomentDivergence.Params(Double.NaN, 10, 1e8)).hasMessageContaining("initLogZ");
    assertThatThrownBy(() -> new MomentDivergence.Params(0, 0, 1e8)).hasMessageContaining("lrScale");
    assertThatThrownBy(() -> new MomentDivergence.Params(0, 10, Double.NaN)).hasMessageContaining("maxLogRnd");
  }
}
