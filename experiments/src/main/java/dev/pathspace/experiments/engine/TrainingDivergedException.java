package dev.pathspace.experiments.engine;

/** Thrown when training produced too many consecutive non-finite steps to continue. */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what happened and what to try */
  public TrainingDivergedException(String message) {
    super(message);
  }
}
