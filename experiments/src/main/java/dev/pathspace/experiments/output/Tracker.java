package dev.pathspace.experiments.output;

import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import java.util.Map;

/**
 * An experiment tracker (TensorBoard in production) fed during a run: training steps and learning-curve points, then
 * the evaluation metrics at the end.
 */
public interface Tracker extends RunListener, AutoCloseable {
  /** A tracker that records nothing. */
  Tracker NONE = new Tracker() {
    @Override
    public void onStep(StepRecord record) {}

    @Override
    public void onEval(int step, Map<String, Object> metrics) {}

    @Override
    public void close() {}
  };

  /** Records the numeric entries of {@code metrics} at training step {@code step}. */
  void onEval(int step, Map<String, Object> metrics);

  /**
   * Records the numeric entries of one learning-curve point ({@code eval.every}) at training step
   * {@code step}; default: nothing.
   */
  default void onCurve(int step, Map<String, Object> metrics) {}

  @Override
  void close();
}
