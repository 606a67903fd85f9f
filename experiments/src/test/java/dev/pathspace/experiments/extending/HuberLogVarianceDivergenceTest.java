package dev.pathspace.experiments.extending;

import dev.pathspace.api.PathDivergence;
import dev.pathspace.testkit.PathDivergenceContract;

/** The contract test of the example divergence: id, finite loss, 0 on a constant batch, FD gradient, NaN handling. */
class HuberLogVarianceDivergenceTest extends PathDivergenceContract {
  @Override
  protected PathDivergence create() {
    return new HuberLogVarianceDivergence(HuberLogVarianceDivergence.Params.defaults());
  }

  @Override
  protected String expectedId() {
    return "log-variance-huber";
  }

  @Override
  protected double lossOnConstant(double rnd) {
    return 0.0; // every deviation from the mean is 0
  }

  @Override
  protected boolean filtersNonFinite() {
    return false; // no filter: a NaN/inf log-RND makes the loss non-finite (the engine then skips the step)
  }
}
