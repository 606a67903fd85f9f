package dev.pathspace.experiments.engine;

/**
 * Training stopped on request (SIGINT/SIGTERM) after a checkpoint of the current step was written; the run
 * continues with {@code pathspace run --resume DIR}.
 */
public final class TrainingInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int step;

  /** @param step the step of the checkpoint written at the interruption */
  public TrainingInterruptedException(int step) {
    super("training interrupted at step " + step + " (checkpoint written)");
    this.step = step;
  }

  /** The step of the checkpoint written at the interruption. */
  public int step() {
    return step;
  }
}
