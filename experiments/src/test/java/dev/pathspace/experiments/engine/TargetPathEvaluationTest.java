package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.PathSampler;
import dev.pathspace.divergences.LogVarianceDivergence;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.experiments.metrics.ForwardEstimates;
import dev.pathspace.samplers.DisSampler;
import dev.pathspace.samplers.LangevinSampler;
import dev.pathspace.samplers.Parameterisation;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine evaluates the sampler's rnd on target-path trajectories (docs/math.md §15) in chunks, with a
 * last partial chunk: after training DIS on a 1-D Gaussian (log Z = 0.7) the EUBO–ELBO sandwich closes
 * around log Z and the forward ESS rises relative to the untrained sampler; a sampler without target
 * paths reports why.
 */
class TargetPathEvaluationTest {
  private static final double LOG_Z = 0.7;
  private static final int EVAL = 2500;

  private static EvalResult evaluate(PathSampler sampler, int steps) {
    RunComponents c = new RunComponents(sampler, new LogVarianceDivergence(LogVarianceDivergence.Params.defaults()),
        new VpFixtureSchedule(), new GaussianFixtureTarget(1, 1.0, 0.5, LOG_Z));
    ComponentChoice x = new ComponentChoice("x", Map.of());
    RunConfig cfg = new RunConfig(x, x, x, x,
        new TrainSettings(steps, 256, 100, 5e-3, 0.1, 1.0, 0.0, true, 50, 10),
        new EvalSettings(EVAL, 1000, 100), 3, "float32", 1, 2, false);
    try (Experiment e = Experiment.build(c, cfg)) {
      if (sampler.trainable()) {
        e.train(r -> { });
      }
      return e.evaluate();
    }
  }

  private static double[] negate(double[] v) {
    return Arrays.stream(v).map(a -> -a).toArray();
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  @Test
  void trainingClosesTheSandwichAndRaisesTheForwardEss() {
    DisSampler dis = new DisSampler(new DisSampler.Params(32, 2, Activation.TANH, 16, 1, Parameterisation.LERP, 100,
        100, 0, 0.0));
    EvalResult before = evaluate(dis, 1);
    EvalResult after = evaluate(dis, 400);
    double[] fwdBefore = before.targetPath().values().orElseThrow();
    double[] fwdAfter = after.targetPath().values().orElseThrow();
    assertThat(fwdAfter).hasSize(EVAL);
    assertThat(Arrays.stream(fwdAfter).allMatch(Double::isFinite)).isTrue();
    assertThat(Arrays.stream(fwdAfter).distinct().count()).as("every chunk has its own paths").isEqualTo(EVAL);
    ForwardEstimates.Result fb = ForwardEstimates.fromLogWeights(negate(fwdBefore));
    ForwardEstimates.Result fa = ForwardEstimates.fromLogWeights(negate(fwdAfter));
    double elboBefore = mean(negate(before.logRndNoIto()));
    double elboAfter = mean(negate(after.logRndNoIto()));
    System.out.printf("before: EUBO %.4f ELBO %.4f fwd ESS %.4f; after: EUBO %.4f ELBO %.4f fwd ESS %.4f%n",
        fb.eubo(), elboBefore, fb.forwardEss(), fa.eubo(), elboAfter, fa.forwardEss());
    assertThat(fa.eubo()).isGreaterThan(elboAfter);
    assertThat(fa.eubo() - elboAfter).isLessThan(0.5 * (fb.eubo() - elboBefore));
    assertThat(Math.abs(fa.eubo() - LOG_Z)).isLessThan(0.1);
    assertThat(fa.forwardEss()).isGreaterThan(fb.forwardEss()).isGreaterThan(0.6); // 100 Euler steps: the optimum itself is ≈ 0.85 at 200
  }

  @Test
  void langevinHasNoTargetPathsAndSaysWhy() {
    EvalResult r = evaluate(new LangevinSampler(LangevinSampler.Params.defaults()), 0);
    assertThat(r.targetPath().values()).isEmpty();
    assertThat(r.targetPath().reason()).contains("sampler 'langevin' cannot sample its target path measure");
  }
}
