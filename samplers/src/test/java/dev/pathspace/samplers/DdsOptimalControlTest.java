package dev.pathspace.samplers;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.OptimalControlContract;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.VpFixtureSchedule;

/**
 * DDS with the exponential integrator (α = σ = 1) against the optimal control of its continuous-time limit
 * for a shifted Gaussian target. Only the schedule's uniform grid on [0, 12] is used; the long horizon
 * makes the fixed N(0, 1) prior match the target path measure's initial law up to a(0) = e^{−6} (see
 * {@link OptimalControls#dds}), so rnd → −log Z as the grid is refined.
 */
class DdsOptimalControlTest extends OptimalControlContract {
  private static final double HORIZON = 12.0;

  @Override
  protected PathSampler sampler() {
    return new DdsSampler(DdsSampler.Params.defaults());
  }

  @Override
  protected SdeSchedule schedule() {
    return new VpFixtureSchedule(0.1, 10.0, 1.0, HORIZON);
  }

  @Override
  protected GaussianFixtureTarget target() {
    return new GaussianFixtureTarget(2, 1.0, 0.5, 0.7);
  }

  @Override
  protected ControlField optimalControl(SdeSchedule schedule, GaussianFixtureTarget target) {
    return OptimalControls.dds(1.0, 1.0, HORIZON, target.mean(), target.std());
  }
}
