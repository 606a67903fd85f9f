package dev.pathspace.experiments.fakes;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.ScheduleRef;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;

/** Test sampler "dis": default schedule vp; rejects targets with dim > 10. */
public final class FakeSampler implements PathSampler {
  /** Parameters. */
  public record Params(int width, int depth, double clip) {
    /** Validates. */
    public Params {
      if (width < 1) {
        throw new IllegalArgumentException("width must be >= 1 (got " + width + ")");
      }
    }

    /** Defaults. */
    public static Params defaults() {
      return new Params(64, 3, 10.0);
    }
  }

  public final Params params;

  @Inject
  public FakeSampler(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "dis";
  }

  @Override
  public ScheduleRef defaultSchedule() {
    return ScheduleRef.of("vp");
  }

  @Override
  public void validate(SdeSchedule schedule, Target target) {
    if (target.dim() > 10) {
      throw new ConfigException("sampler 'dis' supports target.dim <= 10 (got " + target.dim() + ")");
    }
  }

  @Override
  public RndTerms simulate(GraphContext g, SimulationRequest request) {
    throw new UnsupportedOperationException();
  }
}
