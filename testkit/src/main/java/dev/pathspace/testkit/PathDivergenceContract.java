package dev.pathspace.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Contract every {@link PathDivergence} test extends (JUnit 5): registry id, finite scalar loss on random
 * log-RND batches, the known loss on a constant batch (rnd ≡ r, spec §0: at the optimum rnd ≡ −log Z),
 * gradient w.r.t. a trainable scale of rnd against a central finite difference (float64), and
 * handling of non-finite entries (spec §4.0 filtering). Subclasses supply the factory and the known
 * values.
 */
public abstract class PathDivergenceContract {
  /** Relative/absolute tolerance of the finite-difference gradient check (float64, h = 1e-4). */
  protected static final double FD_TOL = 1e-6;

  /** A fresh divergence with the parameters under test. */
  protected abstract PathDivergence create();

  /** The registry key the divergence must report. */
  protected abstract String expectedId();

  /** The loss when every trajectory of the batch has the same log-RND value {@code rnd}. */
  protected abstract double lossOnConstant(double rnd);

  /**
   * True when NaN/±inf log-RND entries are removed before the loss (then loss and gradient stay finite);
   * false when they propagate (then the loss must be non-finite).
   */
  protected boolean filtersNonFinite() {
    return true;
  }

  /**
   * For surrogate losses whose gradient is deliberately not the derivative of the reported value (e.g.
   * detached self-normalised importance weights): the expected {@code d loss / d s} when every entry is
   * {@code rnd_i = s·dRnd_i}, computed independently from the estimator's definition ({@code rnd} at the
   * evaluation point, {@code dRnd} = d rnd / d s). Empty (the default) = compare to the central finite
   * difference of the loss itself.
   */
  protected java.util.OptionalDouble surrogateGradient(double[] rnd, double[] dRnd) {
    return java.util.OptionalDouble.empty();
  }

  /** Batch size of the generated batches: a multiple of the trajectories per sample. */
  protected int batchSize() {
    return 8 * create().requirements().trajectoriesPerSample();
  }

  /**
   * Builds {@link RndTerms} from constant vectors; the Itô vector is replaced by zeros when the divergence
   * does not request the Itô integral (as a sampler would do). Samples are {@code [B, 1]} copies of
   * {@code terminal}.
   */
  protected RndTerms terms(
      GraphHarness h, double[] initial, double[] running, double[] ito, double[] terminal) {
    boolean withIto = create().requirements().itoIntegral();
    double[][] samples = new double[initial.length][1];
    for (int i = 0; i < samples.length; i++) {
      samples[i][0] = Double.isFinite(terminal[i]) ? terminal[i] : 0.0;
    }
    return new RndTerms(
        h.vector(initial),
        h.vector(running),
        h.vector(withIto ? ito : new double[ito.length]),
        h.vector(terminal),
        h.input(samples));
  }

  /**
   * Reshapes any operand to rank 1 so that {@link GraphHarness#eval} can read it (the harness's
   * {@code toDoubles} cannot iterate rank-0 tensors).
   */
  public static Operand<?> flat(GraphHarness h, Operand<?> x) {
    return h.ctx().tf().reshape(x, h.ctx().tf().constant(new long[] {-1}));
  }

  /** A random vector of length n, N(mean, std²). */
  protected static double[] gaussian(Random rnd, int n, double mean, double std) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + std * rnd.nextGaussian();
    }
    return v;
  }

  @Test
  void idMatchesRegistryKey() {
    assertThat(create().id()).isEqualTo(expectedId());
  }

  @Test
  void requirementsAreDeclared() {
    SimulationRequirements req = create().requirements();
    assertThat(req).isNotNull();
    assertThat(batchSize() % req.trajectoriesPerSample()).isZero();
  }

  @Test
  void lossAndDiagnosticsAreFiniteScalarsOnRandomBatches() {
    int b = batchSize();
    for (long seed = 1; seed <= 3; seed++) {
      Random r = new Random(seed);
      try (GraphHarness h = new GraphHarness()) {
        RndTerms t =
            terms(h, gaussian(r, b, -1, 2), gaussian(r, b, 0.5, 1), gaussian(r, b, 0, 1),
                gaussian(r, b, 3, 4));
        DivergenceOutput out = create().loss(h.ctx(), t);
        List<Operand<?>> fetch = new ArrayList<>();
        fetch.add(flat(h, out.loss()));
        for (Operand<TFloating> d : out.diagnostics().values()) {
          fetch.add(flat(h, d));
        }
        List<double[]> vals = h.evalAll(fetch);
        for (double[] v : vals) {
          assertThat(v).hasSize(1);
          assertThat(Double.isFinite(v[0])).as("finite loss/diagnostic, seed " + seed).isTrue();
        }
      }
    }
  }

  @Test
  void constantBatchGivesKnownLoss() {
    int b = batchSize();
    for (double c : new double[] {-2.5, 0.0, 3.0}) {
      double[] quarter = new double[b];
      java.util.Arrays.fill(quarter, c / 4);
      double[] half = new double[b];
      java.util.Arrays.fill(half, c / 2);
      boolean withIto = create().requirements().itoIntegral();
      double[] ito = withIto ? quarter : new double[b];
      double[] terminal = withIto ? new double[b] : quarter;
      try (GraphHarness h = new GraphHarness()) {
        RndTerms t = terms(h, half, quarter, ito, terminal);
        double loss = h.scalar(flat(h, create().loss(h.ctx(), t).loss()));
        double expected = lossOnConstant(c);
        assertThat(loss).as("loss for rnd ≡ " + c).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
      }
    }
  }

  @Test
  void gradientMatchesCentralFiniteDifference() {
    int b = batchSize();
    Random r = new Random(42);
    double[] init = gaussian(r, b, -1, 1);
    double[] run = gaussian(r, b, 0.5, 0.7);
    double[] ito = gaussian(r, b, 0, 1);
    double[] term = gaussian(r, b, 2, 1.5);
    double s0 = 0.7;
    double step = 1e-4;
    try (GraphHarness h = new GraphHarness()) {
      Ops tf = h.ctx().tf();
      Operand<TFloating> s = h.ctx().trainable("contract/scale", new double[] {s0}, new long[] {});
      Operand<TFloating> sp = h.ctx().trainable("contract/scale_plus", new double[] {s0 + step}, new long[] {});
      Operand<TFloating> sm = h.ctx().trainable("contract/scale_minus", new double[] {s0 - step}, new long[] {});
      Operand<TFloating> loss = create().loss(h.ctx(), scaled(h, tf, s, init, run, ito, term)).loss();
      Operand<TFloating> lp = create().loss(h.ctx(), scaled(h, tf, sp, init, run, ito, term)).loss();
      Operand<TFloating> lm = create().loss(h.ctx(), scaled(h, tf, sm, init, run, ito, term)).loss();
      Operand<?> grad = flat(h, tf.gradients(loss, List.of(s)).dy(0));
      List<double[]> v = h.evalAll(List.of(grad, flat(h, lp), flat(h, lm)));
      boolean withIto = create().requirements().itoIntegral();
      double[] dRnd = new double[b];
      double[] rnd = new double[b];
      for (int i = 0; i < b; i++) {
        dRnd[i] = init[i] + run[i] + (withIto ? ito[i] : 0) + term[i];
        rnd[i] = s0 * dRnd[i];
      }
      java.util.OptionalDouble surrogate = surrogateGradient(rnd, dRnd);
      double expected = surrogate.isPresent() ? surrogate.getAsDouble() : (v.get(1)[0] - v.get(2)[0]) / (2 * step);
      assertThat(v.get(0)[0])
          .as("d loss / d scale vs " + (surrogate.isPresent() ? "the surrogate's definition " : "central FD ") + expected)
          .isCloseTo(expected, within(FD_TOL * Math.max(1, Math.abs(expected))));
    }
  }

  @Test
  void nonFiniteEntriesAreHandledAsDeclared() {
    int b = batchSize();
    Random r = new Random(7);
    double[] init = gaussian(r, b, -1, 1);
    double[] run = gaussian(r, b, 0.5, 0.7);
    double[] ito = gaussian(r, b, 0, 1);
    double[] term = gaussian(r, b, 2, 1.5);
    double[] bad = new double[b];
    bad[1] = Double.NaN;
    bad[b - 2] = Double.POSITIVE_INFINITY;
    try (GraphHarness h = new GraphHarness()) {
      Ops tf = h.ctx().tf();
      Operand<TFloating> s = h.ctx().trainable("contract/scale", new double[] {0.9}, new long[] {});
      RndTerms clean = scaled(h, tf, s, init, run, ito, term);
      // the non-finite offsets enter additively, so d rnd / d scale itself stays finite
      RndTerms t =
          new RndTerms(clean.initial(), clean.running(), clean.ito(),
              Floating.view(tf.math.add(clean.terminal(), h.vector(bad))), clean.samples());
      DivergenceOutput out = create().loss(h.ctx(), t);
      Operand<?> grad = flat(h, tf.gradients(out.loss(), List.of(s)).dy(0));
      List<double[]> v = h.evalAll(List.of(flat(h, out.loss()), grad));
      if (filtersNonFinite()) {
        assertThat(Double.isFinite(v.get(0)[0])).as("filtered loss finite: " + v.get(0)[0]).isTrue();
        assertThat(Double.isFinite(v.get(1)[0])).as("filtered gradient finite: " + v.get(1)[0]).isTrue();
        for (Map.Entry<String, Operand<TFloating>> e : out.diagnostics().entrySet()) {
          assertThat(Double.isFinite(h.scalar(flat(h, e.getValue())))).as("diagnostic " + e.getKey()).isTrue();
        }
      } else {
        assertThat(Double.isFinite(v.get(0)[0])).as("unfiltered loss must propagate non-finite").isFalse();
      }
    }
  }

  private RndTerms scaled(
      GraphHarness h, Ops tf, Operand<TFloating> s, double[] init, double[] run, double[] ito, double[] term) {
    RndTerms base = terms(h, init, run, ito, term);
    return new RndTerms(
        Floating.view(tf.math.mul(s, base.initial())),
        Floating.view(tf.math.mul(s, base.running())),
        Floating.view(tf.math.mul(s, base.ito())),
        Floating.view(tf.math.mul(s, base.terminal())),
        base.samples());
  }
}
