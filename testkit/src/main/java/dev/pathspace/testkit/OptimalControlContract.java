package dev.pathspace.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Analytic contract for a sampler whose optimal control is known in closed form for a Gaussian target:
 * with that control plugged in, rnd = −log Z for every trajectory up to the Euler–Maruyama error, which
 * shrinks as the number of time steps grows; each divergence's loss is then at the optimum it declares
 * itself ({@link PathDivergence#optimum}: ≈ 0 for log-variance and moment, −log Z for reverse KL, …). Subclasses supply the sampler, its schedule and the optimal control, and
 * (where the divergences module is on the test classpath) the divergences to check.
 */
public abstract class OptimalControlContract {
  /** Batch of trajectories per simulation. */
  protected static final int BATCH = 2000;

  /** The sampler under test (defaults). */
  protected abstract PathSampler sampler();

  /** The reference schedule for the sampler. */
  protected abstract SdeSchedule schedule();

  /** The closed-form optimal control for {@link #target()}. */
  protected abstract ControlField optimalControl(SdeSchedule schedule, GaussianFixtureTarget target);

  /** The Gaussian target (default: N(0, I₂)·e^0.7). */
  protected GaussianFixtureTarget target() {
    return new GaussianFixtureTarget(2, 0.0, 1.0, 0.7);
  }

  /** Coarse and fine step counts. */
  protected int[] stepCounts() {
    return new int[] {50, 200};
  }

  /** Tolerance on |mean(rnd) + log Z| at the fine step count. */
  protected double meanTolerance() {
    return 0.1;
  }

  /**
   * Divergences to evaluate at the optimum, each built so that its optimum value is known: every
   * learned offset (moment loss) initialised at the true log Z. Empty by default.
   */
  protected List<PathDivergence> divergences(double logZ) {
    return List.of();
  }

  private PathSampler optimal() {
    return sampler()
        .withControl(optimalControl(schedule(), target()))
        .orElseThrow(() -> new AssertionError(sampler().id() + " does not support a fixed control"));
  }

  private double[] simulate(int steps, SimulationRequirements req) {
    try (GraphHarness h = new GraphHarness()) {
      RndTerms t =
          optimal().simulate(h.ctx(), new SimulationRequest(schedule(), target(), BATCH, steps, req, h.noise(1), false));
      return h.eval(t.logRnd(h.ctx().tf()));
    }
  }

  @Test
  void logRndConcentratesAtMinusLogZAsStepsGrow() {
    int[] n = stepCounts();
    double logZ = target().logZ().orElseThrow();
    double[] coarse = simulate(n[0], new SimulationRequirements(false, true, 1));
    double[] fine = simulate(n[1], new SimulationRequirements(false, true, 1));
    assertThat(Stats.std(fine)).isLessThan(0.75 * Stats.std(coarse));
    assertThat(Math.abs(Stats.mean(fine) + logZ)).isLessThan(meanTolerance());
    assertThat(Math.abs(Stats.mean(fine) + logZ))
        .isLessThanOrEqualTo(Math.abs(Stats.mean(coarse) + logZ) + 0.02);
  }

  @Test
  void divergencesAreAtTheirOptimum() {
    double logZ = target().logZ().orElseThrow();
    int steps = stepCounts()[1];
    for (PathDivergence d : divergences(logZ)) {
      try (GraphHarness h = new GraphHarness()) {
        SimulationRequirements req = d.requirements();
        RndTerms t =
            optimal().simulate(h.ctx(), new SimulationRequest(schedule(), target(),
                BATCH * req.trajectoriesPerSample(), steps, req, h.noise(1), true));
        DivergenceOutput out = d.loss(h.ctx(), t);
        double[] rnd = h.eval(t.logRnd(h.ctx().tf()));
        double loss = h.scalar(out.loss());
        double var = Stats.variance(rnd);
        double bias = Stats.mean(rnd) + logZ;
        java.util.Optional<dev.pathspace.api.DivergenceOptimum> opt = d.optimum(logZ, var, bias);
        assertThat(opt)
            .as(d.id() + " must declare its loss at the optimum (PathDivergence.optimum) to run this contract")
            .isPresent();
        assertThat(opt.get().admits(loss))
            .as(d.id() + " at the optimum: loss " + loss + ", declared " + opt.get()
                + " (rnd variance " + var + ", bias " + bias + ")")
            .isTrue();
        if (req.itoIntegral()) {
          // only with the Itô term is rnd pathwise constant at the optimum (without it, only its mean is)
          assertThat(var).as(d.id() + ": rnd variance at the optimum").isLessThan(0.5);
        }
      }
    }
  }
}
