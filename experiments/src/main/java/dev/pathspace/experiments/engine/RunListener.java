package dev.pathspace.experiments.engine;

/** Receives training progress (console progress, metrics.csv, TensorBoard, curves.csv). */
public interface RunListener {
  /** Called for every training step (also skipped ones). */
  void onStep(StepRecord record);

  /** Called with informational messages (graph build time, warnings about skipped steps, …). */
  default void onInfo(String message) {}

  /**
   * Called with each learning-curve evaluation ({@code eval.every} &gt; 0), after the step's
   * {@link #onStep} and before the step's checkpoint is written.
   */
  default void onCurve(CurvePoint point) {}
}
