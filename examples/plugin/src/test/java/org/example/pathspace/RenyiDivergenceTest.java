package org.example.pathspace;

import dev.pathspace.api.PathDivergence;
import dev.pathspace.testkit.PathDivergenceContract;

/** The Rényi divergence passes pathspace's divergence contract (finite-difference gradient included). */
class RenyiDivergenceTest extends PathDivergenceContract {
  @Override
  protected PathDivergence create() {
    return new RenyiDivergence(RenyiDivergence.Params.defaults());
  }

  @Override
  protected String expectedId() {
    return "renyi";
  }

  /** rnd ≡ r: the bound is −r, the loss r. */
  @Override
  protected double lossOnConstant(double rnd) {
    return rnd;
  }
}
