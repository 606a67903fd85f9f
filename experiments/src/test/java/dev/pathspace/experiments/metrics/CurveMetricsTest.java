package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The learning-curve metric set: the built-ins without the control error, Sinkhorn/MMD only on request. */
class CurveMetricsTest {
  @Test
  void curveLeavesOutTheControlErrorAndTheSampleDistancesUnlessAsked() {
    RunMetric plugin = (report, out) -> out.put("plugin", 1.0);
    List<RunMetric> registered = new ArrayList<>(new StandardMetrics().all());
    registered.add(plugin);
    List<RunMetric> cheap = StandardMetrics.curveMetrics(registered, false);
    assertThat(cheap).hasSize(registered.size() - 2).contains(plugin)
        .noneMatch(m -> m instanceof ControlErrorMetric || m instanceof StandardMetrics.SampleDistances)
        .anyMatch(m -> m instanceof StandardMetrics.LogZ).anyMatch(m -> m instanceof StandardMetrics.Ess)
        .anyMatch(m -> m instanceof StandardMetrics.Forward).anyMatch(m -> m instanceof StandardMetrics.Modes);
    List<RunMetric> withSinkhorn = StandardMetrics.curveMetrics(registered, true);
    assertThat(withSinkhorn).hasSize(registered.size() - 1)
        .anyMatch(m -> m instanceof StandardMetrics.SampleDistances)
        .noneMatch(m -> m instanceof ControlErrorMetric);
  }
}
