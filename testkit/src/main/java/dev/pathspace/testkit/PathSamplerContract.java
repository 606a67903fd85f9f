package dev.pathspace.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pathspace.api.Floating;
import dev.pathspace.api.OffPolicyIncrements;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Contract every {@link PathSampler} test extends (JUnit 5, float64 graphs, untrained default controls, a
 * Gaussian target with known log Z): the log-RND terms are finite {@code [B]} tensors and the samples
 * {@code [B, d]}; the same noise gives the same trajectories and other noise other ones; detaching the
 * control (off-policy) changes no value; the ELBO −E[rnd] (without the Itô term) lies below log Z (Jensen)
 * and the Itô term has mean zero; if the sampler offers off-policy increments, the gradient of their sum
 * over the steps equals that of the detached unroll's running + Itô terms; a trainable sampler has finite, non-zero
 * gradients.
 */
public abstract class PathSamplerContract {
  /** The sampler under test (default parameters). */
  protected abstract PathSampler create();

  /** A reference schedule the sampler accepts. */
  protected abstract SdeSchedule schedule();

  /** The target: N(0.5, 1)² with log Z = 0.3 unless overridden. */
  protected GaussianFixtureTarget target() {
    return new GaussianFixtureTarget(2, 0.5, 1.0, 0.3);
  }

  /** Time steps of the contract's unrolls. */
  protected int steps() {
    return 12;
  }

  private RndTerms simulate(GraphHarness h, int batch, SimulationRequirements req, long noise, boolean training) {
    return create().simulate(h.ctx(),
        new SimulationRequest(schedule(), target(), batch, steps(), req, h.noise(noise), training));
  }

  @Test
  void termsAreFiniteBatchVectorsAndSamplesHaveTheTargetDimension() {
    int b = 32;
    try (GraphHarness h = new GraphHarness()) {
      RndTerms t = simulate(h, b, SimulationRequirements.offPolicy(), 1, false);
      Ops tf = h.ctx().tf();
      // identities: a sampler may return one tensor for several terms (one output cannot be fetched twice)
      List<double[]> v = h.evalAll(List.of(tf.identity(t.initial()), tf.identity(t.running()),
          tf.identity(t.ito()), tf.identity(t.terminal()), tf.identity(t.samples())));
      for (int i = 0; i < 4; i++) {
        assertThat(v.get(i)).as("term " + i + " has one entry per trajectory").hasSize(b);
      }
      assertThat(v.get(4)).as("samples [B, d]").hasSize(b * target().dim());
      for (double[] arr : v) {
        for (double x : arr) {
          assertThat(Double.isFinite(x)).as(create().id() + ": finite simulation output").isTrue();
        }
      }
    }
  }

  @Test
  void sameNoiseGivesTheSameTrajectoriesAndOtherNoiseOtherOnes() {
    double[] a;
    double[] b;
    double[] c;
    try (GraphHarness h = new GraphHarness()) {
      a = h.eval(simulate(h, 16, SimulationRequirements.offPolicy(), 1, false).samples());
    }
    try (GraphHarness h = new GraphHarness()) {
      b = h.eval(simulate(h, 16, SimulationRequirements.offPolicy(), 1, false).samples());
    }
    try (GraphHarness h = new GraphHarness()) {
      c = h.eval(simulate(h, 16, SimulationRequirements.offPolicy(), 2, false).samples());
    }
    assertThat(a).containsExactly(b);
    assertThat(java.util.Arrays.equals(a, c)).as("another noise stream moves the particles differently").isFalse();
  }

  @Test
  void detachingTheControlChangesNoValue() {
    try (GraphHarness h = new GraphHarness()) {
      Ops tf = h.ctx().tf();
      RndTerms on = simulate(h, 32, new SimulationRequirements(false, true, 1), 1, true);
      RndTerms off = simulate(h, 32, new SimulationRequirements(true, true, 1), 1, true);
      List<double[]> v = h.evalAll(List.of(on.logRnd(tf), off.logRnd(tf), on.samples(), off.samples()));
      assertThat(v.get(1)).as("rnd of the detached unroll").containsExactly(v.get(0), within(1e-9));
      assertThat(v.get(3)).as("samples of the detached unroll").containsExactly(v.get(2), within(1e-9));
    }
  }

  @Test
  void elboIsBelowLogZAndTheItoTermHasMeanZero() {
    int b = 4000;
    double logZ = target().logZ().orElseThrow();
    try (GraphHarness h = new GraphHarness()) {
      Ops tf = h.ctx().tf();
      RndTerms t = simulate(h, b, SimulationRequirements.offPolicy(), 3, false);
      List<double[]> v = h.evalAll(List.of(t.withoutIto(tf), t.ito()));
      double[] rnd = v.get(0);
      double se = Stats.std(rnd) / Math.sqrt(b);
      assertThat(-Stats.mean(rnd)).as(create().id() + ": ELBO −E[rnd] ≤ log Z (5 standard errors)")
          .isLessThanOrEqualTo(logZ + 5 * se + 1e-9);
      double[] ito = v.get(1);
      double seIto = Stats.std(ito) / Math.sqrt(b);
      assertThat(Stats.mean(ito)).as(create().id() + ": mean of the Itô term").isCloseTo(0.0, within(5 * seIto + 1e-12));
    }
  }

  @Test
  void offPolicyIncrementsCarryTheDetachedUnrollsGradient() {
    try (GraphHarness h = new GraphHarness()) {
      Ops tf = h.ctx().tf();
      int b = 16;
      SimulationRequest req = new SimulationRequest(schedule(), target(), b, steps(),
          SimulationRequirements.offPolicy(), h.noise(1), true);
      Optional<OffPolicyIncrements> inc = create().offPolicyIncrements(h.ctx(), req);
      assumeTrue(inc.isPresent(), create().id() + " offers no off-policy increments");
      RndTerms t = create().simulate(h.ctx(), req);
      assertThat(t.path()).as("a detached unroll records its path").hasSize(steps() + 1);
      Operand<TFloating> sum = null;
      for (int k = 0; k < steps(); k++) {
        Operand<TFloating> s = inc.get().increment(h.ctx(), k, t.path().get(k), t.path().get(k + 1));
        sum = sum == null ? s : Floating.view(tf.math.add(sum, s));
      }
      // a loss that weights the trajectories differently, so per-trajectory errors cannot cancel
      double[] w = new double[b];
      for (int i = 0; i < b; i++) {
        w[i] = 1 + 0.37 * i;
      }
      Operand<TFloating> weights = h.vector(w);
      Operand<TFloating> viaIncrements = Floating.view(tf.sum(tf.math.mul(weights, sum), tf.constant(0)));
      Operand<TFloating> viaUnroll =
          Floating.view(tf.sum(tf.math.mul(weights, tf.math.add(t.running(), t.ito())), tf.constant(0)));
      var vars = h.ctx().trainables().stream().map(x -> (Operand<?>) x.variable()).toList();
      assertThat(vars).isNotEmpty();
      var g1 = tf.gradients(viaIncrements, vars);
      var g2 = tf.gradients(viaUnroll, vars);
      List<Operand<?>> fetch = new ArrayList<>();
      for (int i = 0; i < vars.size(); i++) {
        fetch.add(g1.dy(i));
        fetch.add(g2.dy(i));
      }
      List<double[]> v = h.evalAll(fetch);
      for (int i = 0; i < vars.size(); i++) {
        double[] a = v.get(2 * i);
        double[] e = v.get(2 * i + 1);
        double scale = 0;
        for (double x : e) {
          scale = Math.max(scale, Math.abs(x));
        }
        assertThat(a).as(create().id() + ": gradient via increments, variable " + i)
            .containsExactly(e, within(1e-9 * Math.max(1, scale)));
      }
    }
  }

  @Test
  void trainableSamplersHaveFiniteNonZeroGradients() {
    assumeTrue(create().trainable(), create().id() + " has no trainable parameters");
    for (boolean detached : new boolean[] {false, true}) {
      try (GraphHarness h = new GraphHarness()) {
        Ops tf = h.ctx().tf();
        RndTerms t = simulate(h, 8, new SimulationRequirements(detached, true, 1), 1, true);
        Operand<TFloating> rnd = t.logRnd(tf);
        Operand<TFloating> loss = Floating.view(tf.math.add(tf.math.mean(rnd, tf.constant(0)),
            tf.math.mean(tf.math.square(rnd), tf.constant(0))));
        var vars = h.ctx().trainables().stream().map(x -> (Operand<?>) x.variable()).toList();
        assertThat(vars).as(create().id() + " creates trainable variables").isNotEmpty();
        var grads = tf.gradients(loss, vars);
        List<Operand<?>> fetch = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
          fetch.add(grads.dy(i));
        }
        double total = 0;
        for (double[] g : h.evalAll(fetch)) {
          for (double x : g) {
            assertThat(Double.isFinite(x)).as("finite gradient (detached=" + detached + ")").isTrue();
            total += Math.abs(x);
          }
        }
        assertThat(total).as("some gradient is non-zero (detached=" + detached + ")").isGreaterThan(0);
      }
    }
  }
}
