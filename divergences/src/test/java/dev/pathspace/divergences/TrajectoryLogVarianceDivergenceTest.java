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
import org.tensorflow.types.family.TFloating;

class TrajectoryLogVarianceDivergenceTest extends PathDivergenceContract {
  @Override
  protected PathDivergence create() {
    return new TrajectoryLogVarianceDivergence(TrajectoryLogVarianceDivergence.Params.defaults());
  }

  @Override
  protected String expectedId() {
    return "log-variance-traj";
  }

  @Override
  protected double lossOnConstant(double rnd) {
    return 0.0;
  }

  private static PathDivergence k2() {
    return new TrajectoryLogVarianceDivergence(new TrajectoryLogVarianceDivergence.Params(2, 1e8));
  }

  @Test
  void twoByThreeBlockExample() {
    assertThat(create().requirements()).isEqualTo(new SimulationRequirements(true, true, 4));
    // block order: replica 0 = [1, 2, 3], replica 1 = [5, 2, 9]; columns (1,5), (2,2), (3,9)
    try (GraphHarness h = new GraphHarness()) {
      DivergenceOutput out = k2().loss(h.ctx(), Batches.of(h, 1, 2, 3, 5, 2, 9));
      List<double[]> v = Batches.eval(h, List.of(out.loss(), out.diagnostics().get("n_filtered"),
          out.diagnostics().get("log_z_lv")));
      assertThat(v.get(0)[0]).isCloseTo((8 + 0 + 18) / 3.0, within(1e-14));
      assertThat(v.get(1)[0]).isZero();
      assertThat(v.get(2)[0]).isCloseTo(-22 / 6.0, within(1e-14));
    }
  }

  @Test
  void aColumnIsDroppedIfAnyMemberIsFiltered() {
    double[] rnd = {1, 2, 3, 5, Double.NaN, 9};
    try (GraphHarness h = new GraphHarness()) {
      Operand<TFloating> x = h.ctx().trainable("test/rnd", rnd, new long[] {rnd.length});
      DivergenceOutput out = k2().loss(h.ctx(), Batches.of(h, x, rnd.length));
      Operand<?> grad = h.ctx().tf().gradients(out.loss(), List.of(x)).dy(0);
      List<double[]> v = Batches.eval(h, List.of(out.loss(), out.diagnostics().get("n_filtered"),
          out.diagnostics().get("log_z_lv"), grad));
      assertThat(v.get(0)[0]).isCloseTo((8 + 18) / 2.0, within(1e-14));
      assertThat(v.get(1)[0]).isEqualTo(2.0);
      assertThat(v.get(2)[0]).isCloseTo(-4.5, within(1e-14));
      // d/d r of (a−b)²/2 averaged over 2 columns: ±(a−b)/2; the dropped column gets exact zeros
      assertThat(v.get(3)).containsExactly(new double[] {-2, 0, -3, 2, 0, 3}, within(1e-14));
    }
  }

  @Test
  void largeValuesDropTheirColumn() {
    try (GraphHarness h = new GraphHarness()) {
      DivergenceOutput out = k2().loss(h.ctx(), Batches.of(h, 1, 2, 1e9, 5, 2, 9));
      assertThat(Batches.scalar(h, out.loss())).isCloseTo(8 / 2.0, within(1e-14));
      assertThat(Batches.scalar(h, out.diagnostics().get("n_filtered"))).isEqualTo(2.0);
    }
  }

  @Test
  void rejectsFewerThanTwoTrajectories() {
    assertThatThrownBy(() -> new TrajectoryLogVarianceDivergence.Params(1, 1e8))
        .hasMessageContaining("trajectoriesPerSample must be >= 2");
  }
}
