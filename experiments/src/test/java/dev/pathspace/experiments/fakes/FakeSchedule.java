package dev.pathspace.experiments.fakes;

import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import java.util.OptionalDouble;

/** Base of the test schedules (constant coefficients; only ids and driftFree matter in these tests). */
abstract class FakeSchedule implements SdeSchedule {
  @Override
  public double terminalTime() {
    return 1.0;
  }

  @Override
  public double diffusion(double s) {
    return 1.0;
  }

  @Override
  public double integratedDrift(double s0, double s1) {
    return driftCoeff(0) * (s1 - s0);
  }

  @Override
  public Transition generativeTransition(double s0, double s1) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Transition noisingTransition(double t0, double t1) {
    throw new UnsupportedOperationException();
  }

  @Override
  public OptionalDouble stationaryStd() {
    return OptionalDouble.empty();
  }

  @Override
  public TimeGrid grid(int steps) {
    return TimeGrid.uniform(terminalTime(), steps);
  }
}
