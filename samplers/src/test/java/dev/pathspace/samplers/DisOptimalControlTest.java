package dev.pathspace.samplers;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.OptimalControlContract;
import dev.pathspace.testkit.OptimalControls;
import dev.pathspace.testkit.VpFixtureSchedule;

/** DIS against the analytic optimal control of a Gaussian target (OU marginal scores). */
class DisOptimalControlTest extends OptimalControlContract {
  @Override
  protected PathSampler sampler() {
    return new DisSampler(DisSampler.Params.defaults());
  }

  @Override
  protected SdeSchedule schedule() {
    return new VpFixtureSchedule();
  }

  @Override
  protected ControlField optimalControl(SdeSchedule schedule, GaussianFixtureTarget target) {
    return OptimalControls.dis(schedule, target.mean(), target.std());
  }
}
