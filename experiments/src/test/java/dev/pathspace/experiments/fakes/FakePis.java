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

/** Test sampler "pis": default schedule brownian; needs a drift-free schedule. */
public final class FakePis implements PathSampler {
  /** Parameters. */
  public record Params(int width, double sigma) {
    /** Defaults. */
    public static Params defaults() {
      return new Params(32, 1.0);
    }
  }

  public final Params params;

  @Inject
  public FakePis(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "pis";
  }

  @Override
  public ScheduleRef defaultSchedule() {
    return ScheduleRef.of("brownian");
  }

  @Override
  public void validate(SdeSchedule schedule, Target target) {
    if (!schedule.driftFree()) {
      throw new ConfigException(
          "sampler 'pis' needs a drift-free schedule, got '" + schedule.id() + "'; valid options: [brownian]");
    }
  }

  @Override
  public RndTerms simulate(GraphContext g, SimulationRequest request) {
    throw new UnsupportedOperationException();
  }
}
