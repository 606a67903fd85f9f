package dev.pathspace.divergences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.PathDivergenceContract;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

class LogVarianceDivergenceTest extends PathDivergenceContract {
  @Override
  protected PathDivergence create() {
    return new LogVarianceDivergence(LogVarianceDivergence.Params.defaults());
  }

  @Override
  protected String expectedId() {
    return "log-variance";
  }

  @Override
  protected double lossOnConstant(double rnd) {
    return 0.0;
  }

  @Test
  void unbiasedVarianceOfOneToFour() {
    assertThat(create().requirements()).isEqualTo(SimulationRequirements.offPolicy());
    try (GraphHarness h = new GraphHarness()) {
      DivergenceOutput out = create().loss(h.ctx(), Batches.of(h, 1, 2, 3, 4));
      List<double[]> v = Batches.eval(h, List.of(out.loss(), out.diagnostics().get("log_z_lv"),
          out.diagnostics().get("n_filtered")));
      assertThat(v.get(0)[0]).isCloseTo(5.0 / 3, within(1e-14));
      assertThat(v.get(1)[0]).isCloseTo(-2.5, within(1e-14));
      assertThat(v.get(2)[0]).isZero();
    }
  }

  @Test
  void filtersLargeNanAndInfinitiesWithExactZeroGradients() {
    double[] rnd = {1, 2, 1e9, Double.NaN, 3, Double.NEGATIVE_INFINITY, 4, Double.POSITIVE_INFINITY};
    try (GraphHarness h = new GraphHarness()) {
      Operand<TFloating> x = h.ctx().trainable("test/rnd", rnd, new long[] {rnd.length});
      DivergenceOutput out = create().loss(h.ctx(), Batches.of(h, x, rnd.length));
      Operand<?> grad = h.ctx().tf().gradients(out.loss(), List.of(x)).dy(0);
      List<double[]> v = Batches.eval(h, List.of(out.loss(), out.diagnostics().get("n_filtered"),
          out.diagnostics().get("log_z_lv"), grad));
      assertThat(v.get(0)[0]).isCloseTo(5.0 / 3, within(1e-14));
      assertThat(v.get(1)[0]).isEqualTo(4.0);
      assertThat(v.get(2)[0]).isCloseTo(-2.5, within(1e-14));
      // d Var / d rnd_i = 2 (rnd_i − mean) / (M − 1) on kept entries, exactly 0 on removed ones
      double[] expected = {-1, -1.0 / 3, 0, 0, 1.0 / 3, 0, 1, 0};
      assertThat(v.get(3)).containsExactly(expected, within(1e-14));
    }
  }

  @Test
  void thresholdIsConfigurable() {
    try (GraphHarness h = new GraphHarness()) {
      PathDivergence d = new LogVarianceDivergence(new LogVarianceDivergence.Params(3.5));
      DivergenceOutput out = d.loss(h.ctx(), Batches.of(h, 1, 2, 3, 4));
      assertThat(Batches.scalar(h, out.loss())).isCloseTo(1.0, within(1e-14)); // var(1,2,3)
      assertThat(Batches.scalar(h, out.diagnostics().get("n_filtered"))).isEqualTo(1.0);
    }
  }

  @Test
  void fewerThanTwoKeptEntriesGiveNanSoTheStepIsSkippedAndReported() {
    try (GraphHarness h = new GraphHarness()) {
      DivergenceOutput out = create().loss(h.ctx(), Batches.of(h, 7, Double.NaN, Double.NaN));
      assertThat(Batches.scalar(h, out.loss())).isNaN();
      assertThat(Batches.scalar(h, out.diagnostics().get("n_filtered"))).isEqualTo(2.0);
    }
  }

  @Test
  void worksInFloat32() {
    try (GraphHarness h = new GraphHarness(TFloat32.class)) {
      DivergenceOutput out = create().loss(h.ctx(), Batches.of(h, 1, 2, 3, 4, Double.NaN));
      assertThat(Batches.scalar(h, out.loss())).isCloseTo(5.0 / 3, within(1e-6));
    }
  }

  @Test
  void rejectsNanThreshold() {
    assertThatThrownBy(() -> new LogVarianceDivergence.Params(Double.NaN)).hasMessageContaining("maxLogRnd");
  }
}
