package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.Target;
import dev.pathspace.testkit.GraphHarness;
import java.util.List;
import org.tensorflow.Operand;

/** Shared checks for sampler tests. */
final class SamplerChecks {
  private SamplerChecks() {}

  /** Per-trajectory rnd (with Itô term) of one evaluation unroll. */
  static double[] rnd(
      PathSampler sampler, SdeSchedule sde, Target target, int steps, int batch, boolean detached) {
    try (GraphHarness h = new GraphHarness()) {
      RndTerms t =
          sampler.simulate(
              h.ctx(),
              new SimulationRequest(sde, target, batch, steps,
                  new SimulationRequirements(detached, true, 1), h.noise(1), false));
      return h.eval(t.logRnd(h.ctx().tf()));
    }
  }

  /**
   * Builds mean(rnd) of a training unroll, differentiates it w.r.t. every variable and checks that
   * variables exist, the loss is finite and every gradient entry is finite; returns the variable names.
   */
  static List<String> assertFiniteGradients(
      PathSampler sampler, SdeSchedule sde, Target target, boolean detached) {
    try (GraphHarness h = new GraphHarness()) {
      var tf = h.ctx().tf();
      RndTerms t =
          sampler.simulate(h.ctx(), new SimulationRequest(sde, target, 8, 6,
              new SimulationRequirements(detached, true, 1), h.noise(1), true));
      var rnd = t.logRnd(tf);
      // the variance couples all trajectories (log-variance style), the mean is the KL-style loss
      var loss = tf.math.add(tf.math.mean(rnd, tf.constant(0)),
          tf.math.mean(tf.math.square(rnd), tf.constant(0)));
      var vars = h.ctx().trainables().stream().map(v -> (Operand<?>) v.variable()).toList();
      assertThat(vars).isNotEmpty();
      var grads = tf.gradients(loss, vars);
      List<Operand<?>> fetch = new java.util.ArrayList<>();
      fetch.add(loss);
      for (int i = 0; i < vars.size(); i++) {
        fetch.add(grads.dy(i));
      }
      List<double[]> out = h.evalAll(fetch);
      assertThat(out.get(0)[0]).isFinite();
      double total = 0;
      for (double[] grad : out.subList(1, out.size())) {
        for (double v : grad) {
          assertThat(v).isFinite();
          total += Math.abs(v);
        }
      }
      assertThat(total).as("some gradient is non-zero").isGreaterThan(0);
      return h.ctx().trainables().stream().map(v -> v.name()).toList();
    }
  }

  /** Checks the block-order tiling of X_0 (path[0] of a detached unroll) for k trajectories per sample. */
  static void assertTiled(PathSampler sampler, SdeSchedule sde, Target target, int k, int perBlock) {
    try (GraphHarness h = new GraphHarness()) {
      int d = target.dim();
      RndTerms t =
          sampler.simulate(h.ctx(), new SimulationRequest(sde, target, k * perBlock, 3,
              new SimulationRequirements(true, true, k), h.noise(1), true));
      assertThat(t.path()).isNotEmpty();
      List<double[]> out = h.evalAll(List.of(t.path().get(0), t.samples()));
      double[] x0 = out.get(0);
      double[] xn = out.get(1);
      for (int b = 1; b < k; b++) {
        for (int i = 0; i < perBlock * d; i++) {
          assertThat(x0[b * perBlock * d + i]).isEqualTo(x0[i]);
        }
      }
      // independent noise per row: the terminal states of copies differ
      assertThat(xn[perBlock * d]).isNotEqualTo(xn[0]);
    }
  }
}
