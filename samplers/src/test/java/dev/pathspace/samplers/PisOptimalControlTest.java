package dev.pathspace.samplers;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.OptimalControlContract;
import dev.pathspace.testkit.OptimalControls;

/**
 * PIS (bm_pis: σ = √0.2, T = 5, Dirac at 0) against its closed-form Föllmer control for a shifted, narrow
 * Gaussian target: the prior is a Dirac, so at the exact optimum rnd ≡ −log Z and only the Euler error
 * remains.
 */
class PisOptimalControlTest extends OptimalControlContract {
  @Override
  protected PathSampler sampler() {
    return new PisSampler(PisSampler.Params.defaults());
  }

  @Override
  protected SdeSchedule schedule() {
    return new BrownianFixtureSchedule();
  }

  @Override
  protected GaussianFixtureTarget target() {
    return new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
  }

  @Override
  protected ControlField optimalControl(SdeSchedule schedule, GaussianFixtureTarget target) {
    return OptimalControls.pis(schedule, target.mean(), target.std(), 0.0);
  }
}
