package dev.pathspace.experiments.fakes;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequirements;

/**
 * Base of the test divergences (loss is never built in these tests; the requirements are read before
 * training, for the sampler's pairing warnings).
 */
abstract class FakeDivergence implements PathDivergence {
  @Override
  public SimulationRequirements requirements() {
    return SimulationRequirements.offPolicy();
  }

  @Override
  public DivergenceOutput loss(GraphContext g, RndTerms terms) {
    throw new UnsupportedOperationException();
  }
}
