package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.engine.ControlErrorResult;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.TargetPathEval;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The full suite on a perfect sampler of a Gaussian target. */
class MetricSuiteTest {

  @Test
  void perfectSamplerGivesZeroLogZErrorsAndFullEss() {
    double logZ = 0.8;
    double[] mean = {1.0, -2.0};
    Target target = new GaussTarget(mean, 1.5, logZ, new double[][] {mean});
    int m = 400;
    double[][] samples = GaussTarget.sample(mean, 1.5, m, 99); // exact samples, independent of the reference
    double[] rnd = new double[m];
    Arrays.fill(rnd, -logZ); // perfect sampler: log w = log Z for every path
    rnd[7] = Double.NaN; // one broken trajectory: reported, excluded
    samples[7] = new double[] {Double.NaN, 0};
    Map<String, Object> out =
        new MetricSuite(5, 400).compute(target, new EvalResult(rnd, rnd.clone(), samples, 0.1,
            ControlErrorResult.skipped("not computed by this evaluation"), TargetPathEval.of(rnd.clone())));
    System.out.println("suite: " + out);
    assertThat(out.keySet())
        .containsExactly(
            "log_z_true", "log_z_lb", "log_z_lb_ito", "log_z_is", "log_z_error", "log_z_lb_error",
            "log_z_lb_ito_error", "log_w_std", "ess", "ess_count", "n_eval", "n_nonfinite", "eubo", "eubo_error",
            "eubo_elbo_gap", "log_z_forward", "forward_ess", "n_target_paths", "n_target_nonfinite", "mean_error",
            "std_error", "mean_error_is", "std_error_is", "sinkhorn", "sinkhorn_divergence", "sinkhorn_w1",
            "mmd", "reference_samples", "modes_found", "modes_total", "emc", "n_nonfinite_samples",
            "control_error", "control_error_skipped");
    assertThat((double) out.get("log_z_true")).isEqualTo(logZ);
    assertThat((double) out.get("log_z_error")).isCloseTo(0.0, within(1e-14));
    assertThat((double) out.get("log_z_lb_error")).isCloseTo(0.0, within(1e-14));
    assertThat((double) out.get("ess")).isCloseTo(1.0, within(1e-14));
    assertThat((double) out.get("ess_count")).isCloseTo(m - 1, within(1e-9));
    assertThat(out.get("n_eval")).isEqualTo(m);
    assertThat(out.get("n_nonfinite")).isEqualTo(1);
    assertThat(out.get("n_nonfinite_samples")).isEqualTo(1);
    // no control-error probe ran: null with the reason, never a silent 0
    assertThat(out).containsEntry("control_error", null)
        .containsEntry("control_error_skipped", "not computed by this evaluation");
    // forward metrics of a perfect sampler: log w ≡ log Z on target paths too
    assertThat((double) out.get("eubo")).isCloseTo(logZ, within(1e-14));
    assertThat((double) out.get("eubo_error")).isCloseTo(0.0, within(1e-14));
    assertThat((double) out.get("eubo_elbo_gap")).isCloseTo(0.0, within(1e-14));
    assertThat((double) out.get("log_z_forward")).isCloseTo(logZ, within(1e-14));
    assertThat((double) out.get("forward_ess")).isCloseTo(1.0, within(1e-14));
    assertThat(out.get("n_target_paths")).isEqualTo(m);
    assertThat(out.get("n_target_nonfinite")).isEqualTo(1);
    // moment errors of 399 exact samples: sd of a mean estimate 1.5/sqrt(399) ~ 0.075, of a std ~ 0.053
    assertThat((double) out.get("mean_error")).isLessThan(0.2);
    assertThat((double) out.get("std_error")).isLessThan(0.15);
    // same law on both sides: divergence and MMD near 0 (sampling noise only)
    assertThat((double) out.get("sinkhorn_divergence")).isBetween(0.0, 0.3);
    assertThat(Math.abs((double) out.get("mmd"))).isLessThan(0.02);
    assertThat(out.get("modes_found")).isEqualTo(1);
    assertThat((double) out.get("emc")).isEqualTo(1.0);
  }

  @Test
  void unknownLogZGivesNulls() {
    Target target =
        new GaussTarget(new double[] {0}, 1, 0, null) {
          @Override
          public java.util.OptionalDouble logZ() {
            return java.util.OptionalDouble.empty();
          }
        };
    Map<String, Object> out =
        new MetricSuite(1, 50)
            .compute(target, new EvalResult(new double[] {0, 1}, new double[] {0, 1}, new double[][] {{0}, {1}}, 0));
    assertThat(out).containsEntry("log_z_true", null).containsEntry("log_z_error", null);
    assertThat(out).doesNotContainKey("modes_found");
  }

  @Test
  void forwardMetricsAreNullWhenTheSamplerHasNoTargetPathsAndAbsentWithoutGroundTruth() {
    Target target = new GaussTarget(new double[] {0}, 1, 0.2, null);
    EvalResult noPaths = new EvalResult(new double[] {0, 1}, new double[] {0, 1}, new double[][] {{0}, {1}}, 0,
        ControlErrorResult.skipped("not computed by this evaluation"), TargetPathEval.absent("sampler 'bridge' cannot sample its target path measure"));
    Map<String, Object> out = new MetricSuite(1, 50).compute(target, noPaths);
    assertThat(out).containsEntry("eubo", null).containsEntry("forward_ess", null).containsKey("n_target_paths");
    Target noTruth =
        new GaussTarget(new double[] {0}, 1, 0.2, null) {
          @Override
          public java.util.Optional<dev.pathspace.api.GroundTruthSampler> groundTruth() {
            return java.util.Optional.empty();
          }
        };
    assertThat(new MetricSuite(1, 50).compute(noTruth, noPaths)).doesNotContainKeys("eubo", "forward_ess");
  }
}
