package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.AbstractModule;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.output.MarginalPlot;
import dev.pathspace.experiments.output.SamplePlot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation report is computed once and read by the metrics and both plots (ground truth drawn once),
 * gives exactly the values of the stand-alone suite, and a plug-in metric registered through
 * {@link MetricBindings} runs after the built-ins.
 */
class EvaluationReportTest {
  private static final double LOG_Z = 0.8;
  private static final double[] MEAN = {1.0, -2.0, 0.5};

  /** A 3-D Gaussian target counting its ground-truth draws. */
  private static final class CountingTarget extends GaussTarget {
    final AtomicInteger draws = new AtomicInteger();

    CountingTarget() {
      super(MEAN, 1.5, LOG_Z, new double[][] {MEAN});
    }

    @Override
    public Optional<GroundTruthSampler> groundTruth() {
      return Optional.of((n, seed) -> {
        draws.incrementAndGet();
        return GaussTarget.sample(MEAN, 1.5, n, seed);
      });
    }
  }

  /** A plug-in metric: the mean of the finite log weights (= log Z for a perfect sampler). */
  static final class MeanLogWeight implements RunMetric {
    @Override
    public void compute(EvaluationReport report, MetricValues out) {
      out.put("log_w_mean", Arrays.stream(report.logZ().logWeights()).average().orElse(Double.NaN));
    }
  }

  private static EvalResult perfectEval(int m) {
    double[][] samples = GaussTarget.sample(MEAN, 1.5, m, 99);
    double[] rnd = new double[m];
    Arrays.fill(rnd, -LOG_Z);
    rnd[3] = Double.NaN; // one broken trajectory, excluded by the estimators
    return new EvalResult(rnd, rnd.clone(), samples, 0.1);
  }

  @Test
  void metricsAndPlotsShareOneReportWithOneGroundTruthDraw(@TempDir Path dir) {
    CountingTarget target = new CountingTarget();
    EvalResult eval = perfectEval(300);
    MetricSuite suite = new MetricSuite(5, 200);
    EvaluationReport report = suite.report(target, eval);
    MetricValues metrics = suite.compute(report);
    SamplePlot.write(dir.resolve("s.png"), null, report, metrics, "t");
    MarginalPlot.write(dir.resolve("m.png"), null, report, "t");
    assertThat(target.draws.get()).isEqualTo(1);
    assertThat(report.reference()).get().extracting(r -> r.length).isEqualTo(200);
    assertThat(report.logWeights()[0]).isEqualTo(LOG_Z);
    assertThat(report.logWeights()[3]).isNaN();
    assertThat(dir.resolve("s.png")).isNotEmptyFile();
    assertThat(dir.resolve("m.png")).isNotEmptyFile();
    // the same numbers, in the same order, as the suite computed from the raw evaluation
    assertThat(metrics.asMap()).containsExactlyEntriesOf(new MetricSuite(5, 200).compute(new CountingTarget(), eval));
    assertThat(metrics.get("log_z_error")).isCloseTo(0.0, within(1e-14));
    assertThat(metrics.get("reference_samples")).isEqualTo(200.0);
  }

  @Test
  void aPluginMetricIsRegisteredAfterTheBuiltIns() {
    PluginRegistry registry = new PluginRegistry(List.of(new AbstractModule() {
      @Override
      protected void configure() {
        MetricBindings.registry(binder()).addBinding().to(MeanLogWeight.class);
      }
    }));
    List<RunMetric> metrics = registry.metrics();
    assertThat(metrics).hasSize(new StandardMetrics().all().size() + 1);
    assertThat(metrics.get(metrics.size() - 1)).isInstanceOf(MeanLogWeight.class);
    MetricSuite suite = new MetricSuite(5, 0, metrics);
    MetricValues out = suite.compute(suite.report(new CountingTarget(), perfectEval(50)));
    List<String> keys = List.copyOf(out.asMap().keySet());
    assertThat(keys.get(keys.size() - 1)).isEqualTo("log_w_mean");
    assertThat(keys.get(keys.size() - 2)).isEqualTo("control_error_skipped");
    assertThat(out.get("log_w_mean")).isCloseTo(LOG_Z, within(1e-12));
    assertThat(out.has("sinkhorn")).isFalse(); // referenceSamples = 0: no sample-based metrics
  }
}
