package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.engine.CurvePoint;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import dev.pathspace.experiments.metrics.MetricValues;
import dev.pathspace.experiments.output.CurvesCsv;
import dev.pathspace.experiments.output.Tracker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns each learning-curve evaluation ({@code eval.every}) into the run's metrics (the same registered
 * metrics as {@code summary.json}, on the curve's trajectories), appends them to {@code curves.csv} and
 * gives them to the tracker ({@code eval/curve/…} in TensorBoard). Elapsed seconds count the training time
 * of every process of a resumed run. A point whose headline metrics are non-finite is reported on stderr.
 */
final class CurveRecorder implements RunListener {
  private final CurvesCsv csv;
  private final Tracker tracker;
  private final Function<EvalResult, MetricValues> metrics;
  private final double secondsBefore;
  private final PrintStream err;

  /**
   * @param metrics the run's metrics of one curve evaluation
   * @param secondsBefore training seconds of the earlier processes of a resumed run (0 for a fresh run)
   */
  CurveRecorder(CurvesCsv csv, Tracker tracker, Function<EvalResult, MetricValues> metrics, double secondsBefore,
      PrintStream err) {
    this.csv = csv;
    this.tracker = tracker;
    this.metrics = metrics;
    this.secondsBefore = secondsBefore;
    this.err = err;
  }

  @Override
  public void onStep(StepRecord record) {}

  @Override
  public void onCurve(CurvePoint p) {
    if (p.step() <= csv.lastStep()) {
      return; // already on the curve (the step-0 row of a resumed run)
    }
    MetricValues m = metrics.apply(p.eval());
    Double loss = p.step() == 0 ? null : p.loss();
    csv.append(p.step(), secondsBefore + p.seconds(), loss, m.asMap());
    Map<String, Object> scalars = new LinkedHashMap<>();
    if (loss != null) {
      scalars.put("loss", loss);
    }
    scalars.putAll(m.asMap());
    tracker.onCurve(p.step(), scalars);
    List<String> nonFinite = new ArrayList<>();
    for (String k : RunLifecycle.MUST_BE_FINITE) {
      if (m.has(k) && !Double.isFinite(m.get(k))) {
        nonFinite.add(k + "=" + m.get(k));
      }
    }
    if (!nonFinite.isEmpty()) {
      err.println("warning: learning curve at step " + p.step() + ": non-finite " + String.join(", ", nonFinite));
    }
  }
}
