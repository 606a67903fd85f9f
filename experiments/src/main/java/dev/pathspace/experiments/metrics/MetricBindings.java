package dev.pathspace.experiments.metrics;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/**
 * The metric registry: a Guice set multibinding of {@link RunMetric}s. A plug-in module adds one with
 * {@code MetricBindings.registry(binder()).addBinding().to(MyMetric.class)}; its keys follow the built-in
 * ones in {@code summary.json}.
 */
public final class MetricBindings {
  private MetricBindings() {}

  /** The metric set binder of {@code binder}. */
  public static Multibinder<RunMetric> registry(Binder binder) {
    return Multibinder.newSetBinder(binder, RunMetric.class);
  }
}
