package dev.pathspace.experiments.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.registry.ComponentKind;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.OptimalControlContract;
import dev.pathspace.testkit.OptimalControls;
import java.util.ArrayList;
import java.util.List;

/**
 * The analytic Gaussian contract for the registered {@code dis} sampler on the registered
 * {@code vp-linear} schedule, evaluated with every registered divergence (each composed from its
 * defaults, the moment loss's learned log Z initialised at the true value).
 */
class DisAnalyticContractTest extends OptimalControlContract {
  @Override
  protected PathSampler sampler() {
    return RealComponents.compose("sampler=dis").sampler();
  }

  @Override
  protected SdeSchedule schedule() {
    return RealComponents.compose("sampler=dis", "schedule=vp-linear").schedule();
  }

  @Override
  protected ControlField optimalControl(SdeSchedule schedule, GaussianFixtureTarget target) {
    return OptimalControls.dis(schedule, target.mean(), target.std());
  }

  @Override
  protected List<PathDivergence> divergences(double logZ) {
    List<PathDivergence> all = new ArrayList<>();
    for (String key : RealComponents.keys(ComponentKind.DIVERGENCE)) {
      List<String> o = new ArrayList<>(List.of("divergence=" + key));
      if (key.equals("moment")) {
        o.add("divergence.initLogZ=" + logZ);
      }
      all.add(RealComponents.compose(o.toArray(String[]::new)).divergence());
    }
    assertThat(all).extracting(PathDivergence::id).contains("reverse-kl", "log-variance", "moment");
    return all;
  }
}
