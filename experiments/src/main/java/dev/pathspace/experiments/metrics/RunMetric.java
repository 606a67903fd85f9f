package dev.pathspace.experiments.metrics;

/**
 * One evaluation metric (or a group computed together), registered in a Guice set multibinding like the
 * components ({@link MetricBindings}); {@link MetricSuite} runs every registered metric in binding order,
 * built-ins first. A metric reads the run's {@link EvaluationReport} and adds its keys; it must add none
 * when it does not apply (e.g. mode coverage for a target without modes).
 */
public interface RunMetric {
  /** Adds this metric's values for {@code report} to {@code out}. */
  void compute(EvaluationReport report, MetricValues out);
}
