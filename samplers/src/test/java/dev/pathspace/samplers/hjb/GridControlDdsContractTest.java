package dev.pathspace.samplers.hjb;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.samplers.DdsSampler;
import dev.pathspace.testkit.VpFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.OptimalControlContract;

/**
 * The samplers' analytic optimal-control contract (rnd → −log Z as the time grid is refined) for DdsSampler run
 * with the grid control {@link GridControlField} in place of the closed form: the setup of {@code
 * DdsOptimalControlTest}, in 1-D (the 2-D tables are checked in {@link ExactControlGaussianTest}); the
 * tables are computed once per test instance.
 */
class GridControlDdsContractTest extends OptimalControlContract {
  private static final GaussianFixtureTarget TARGET = new GaussianFixtureTarget(1, 1.0, 0.5, 0.7);

  private ControlField cached;

  @Override
  protected PathSampler sampler() {
    return new DdsSampler(DdsSampler.Params.defaults());
  }

  @Override
  protected SdeSchedule schedule() {
    return new VpFixtureSchedule(0.1, 10.0, 1.0, 12.0);
  }

  @Override
  protected GaussianFixtureTarget target() {
    return TARGET;
  }

  @Override
  protected ControlField optimalControl(SdeSchedule schedule, GaussianFixtureTarget target) {
    if (cached == null) {
      cached = new GridControlField(new ExactControl(target, ControlProblem.ddsExponential(1.0, 1.0, 12.0), GridSpec.defaults(target.dim())));
    }
    return cached;
  }
}
