package dev.pathspace.experiments.engine;

/** Receives training progress (console progress, metrics.csv, TensorBoard). */
public interface RunListener {
  /** Called for every training step (also skipped ones). */
  void onStep(StepRecord record);

  /** Called with informational messages (graph build time, warnings about skipped steps, …). */
  default void onInfo(String message) {}
}
