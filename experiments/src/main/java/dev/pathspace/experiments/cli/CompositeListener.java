package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.engine.CurvePoint;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import java.util.List;

/** Forwards every event to several listeners in order. */
final class CompositeListener implements RunListener {
  private final List<RunListener> listeners;

  CompositeListener(List<RunListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onStep(StepRecord record) {
    listeners.forEach(l -> l.onStep(record));
  }

  @Override
  public void onInfo(String message) {
    listeners.forEach(l -> l.onInfo(message));
  }

  @Override
  public void onCurve(CurvePoint point) {
    listeners.forEach(l -> l.onCurve(point));
  }
}
