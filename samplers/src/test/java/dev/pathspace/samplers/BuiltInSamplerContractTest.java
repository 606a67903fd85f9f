package dev.pathspace.samplers;

import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.PathSamplerContract;
import dev.pathspace.testkit.VpFixtureSchedule;
import org.junit.jupiter.api.Nested;

/** Every built-in sampler, with its default parameters and a reference it accepts, passes {@link PathSamplerContract}. */
class BuiltInSamplerContractTest {
  @Nested
  class Dis extends PathSamplerContract {
    @Override
    protected PathSampler create() {
      return new DisSampler(DisSampler.Params.defaults());
    }

    @Override
    protected SdeSchedule schedule() {
      return new VpFixtureSchedule();
    }
  }

  @Nested
  class Pis extends PathSamplerContract {
    @Override
    protected PathSampler create() {
      return new PisSampler(PisSampler.Params.defaults());
    }

    @Override
    protected SdeSchedule schedule() {
      return new BrownianFixtureSchedule();
    }
  }

  @Nested
  class Dds extends PathSamplerContract {
    @Override
    protected PathSampler create() {
      return new DdsSampler(DdsSampler.Params.defaults());
    }

    @Override
    protected SdeSchedule schedule() {
      return new VpFixtureSchedule();
    }
  }

  @Nested
  class Bridge extends PathSamplerContract {
    @Override
    protected PathSampler create() {
      return new BridgeSampler(BridgeSampler.Params.defaults());
    }

    @Override
    protected SdeSchedule schedule() {
      return new BrownianFixtureSchedule();
    }
  }

  @Nested
  class Langevin extends PathSamplerContract {
    @Override
    protected PathSampler create() {
      return new LangevinSampler(LangevinSampler.Params.defaults());
    }

    @Override
    protected SdeSchedule schedule() {
      return new VpFixtureSchedule();
    }
  }
}
