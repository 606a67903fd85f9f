package dev.pathspace.divergences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.PathDivergenceContract;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

class ReverseKlDivergenceTest extends PathDivergenceContract {
  @Override
  protected PathDivergence create() {
    return new ReverseKlDivergence(ReverseKlDivergence.Params.defaults());
  }

  @Override
  protected String expectedId() {
    return "reverse-kl";
  }

  @Override
  protected double lossOnConstant(double rnd) {
    return rnd;
  }

  @Test
  void lossIsMeanRndAndElboItsNegative() {
    assertThat(create().requirements()).isEqualTo(SimulationRequirements.reparameterised());
    try (GraphHarness h = new GraphHarness()) {
      DivergenceOutput out = create().loss(h.ctx(), Batches.of(h, 1, 2, 3, 4));
      List<double[]> v = Batches.eval(h, List.of(out.loss(), out.diagnostics().get("elbo")));
      assertThat(v.get(0)[0]).isCloseTo(2.5, within(1e-14));
      assertThat(v.get(1)[0]).isCloseTo(-2.5, within(1e-14));
    }
  }

  @Test
  void gradientIsOneOverMOnFiniteEntriesOnly() {
    double[] rnd = {1, Double.NaN, 3, Double.NEGATIVE_INFINITY, 5};
    try (GraphHarness h = new GraphHarness()) {
      Operand<TFloating> x = h.ctx().trainable("test/rnd", rnd, new long[] {rnd.length});
      DivergenceOutput out = create().loss(h.ctx(), Batches.of(h, x, rnd.length));
      Operand<?> grad = h.ctx().tf().gradients(out.loss(), List.of(x)).dy(0);
      List<double[]> v = Batches.eval(h, List.of(out.loss(), grad, out.diagnostics().get("n_filtered")));
      assertThat(v.get(0)[0]).isCloseTo(3.0, within(1e-14));
      assertThat(v.get(1)).containsExactly(new double[] {1.0 / 3, 0, 1.0 / 3, 0, 1.0 / 3}, within(1e-15));
      assertThat(v.get(2)[0]).isEqualTo(2.0);
    }
  }

  /** The {@code kl_ito} variant. */
  @Nested
  class WithItoTerm extends PathDivergenceContract {
    @Override
    protected PathDivergence create() {
      return new ReverseKlDivergence(new ReverseKlDivergence.Params(true));
    }

    @Override
    protected String expectedId() {
      return "reverse-kl";
    }

    @Override
    protected double lossOnConstant(double rnd) {
      return rnd;
    }

    @Test
    void requestsTheItoIntegralWithoutDetaching() {
      assertThat(create().requirements()).isEqualTo(new SimulationRequirements(false, true, 1));
    }
  }
}
