package dev.pathspace.experiments.output;

import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import java.util.Arrays;

/** Keeps (step, loss) of every non-skipped training step in memory for the loss-curve plot. */
public final class StepHistory implements RunListener {
  private int[] steps = new int[1024];
  private double[] losses = new double[1024];
  private int n;

  @Override
  public void onStep(StepRecord r) {
    if (r.skipped()) {
      return;
    }
    record(r.step(), r.loss());
  }

  /** Records one (step, loss) pair; non-finite losses are ignored. */
  public void record(int step, double loss) {
    if (!Double.isFinite(loss)) {
      return;
    }
    if (n == steps.length) {
      steps = Arrays.copyOf(steps, 2 * n);
      losses = Arrays.copyOf(losses, 2 * n);
    }
    steps[n] = step;
    losses[n] = loss;
    n++;
  }

  /** Recorded steps. */
  public int[] steps() {
    return Arrays.copyOf(steps, n);
  }

  /** Recorded losses. */
  public double[] losses() {
    return Arrays.copyOf(losses, n);
  }
}
