package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Floating;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.GraphHarness;
import dev.pathspace.testkit.Stats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.op.Ops;

/**
 * The bridge's log-RND (time-reversal unroll with an inference control, Richter &amp; Berner, ICLR 2024,
 * Prop. 2.3; docs/math.md §4.1) at an exact optimum in closed form, for the bridge's default reference
 * (Brownian motion σ = 1 on [0, 1]), its default prior N(0, I) and the shifted target ρ = Z·N(3, S² I):
 *
 * <p>the Gaussian curve p_s = N(m_s, V_s I), m_s = λ·3, V_s = (1 − λ) + λS², λ = s/T, is the marginal law of
 * dX = σu ds + σdW from the prior when σu = m'_s + α_s(x − m_s), α_s = (V'_s − σ²)/(2V_s); Nelson's relation
 * u + v = σ∇log p_s then fixes v = −σ(x − m_s)/V_s − u, with ∇·v = d(−σ/V_s − α_s/σ). With these two
 * controls the generative process is the time reversal of the inference process, so rnd ≡ −log Z up to
 * the Euler–Maruyama error. The divergence term σ(∇·v)Δt contributes ∫σ∇·v ds ≠ 0 here, so a wrong sign
 * or a missing factor moves mean(rnd) far from −log Z.
 */
class BridgeClosedFormRndTest {
  private static final int D = 2;
  private static final double LOC = 3.0;
  private static final double LOG_Z = 0.7;
  private static final double SIGMA = 1.0;
  private static final double T = 1.0;
  private static final int BATCH = 2000;

  /** The analytic pair (u, v) for target std S; {@code divSign} = −1 flips the divergence (a defect). */
  private static double[] rnd(double targetStd, int steps, boolean detached, double divSign) {
    GaussianFixtureTarget target = new GaussianFixtureTarget(D, LOC, targetStd, LOG_Z);
    BrownianFixtureSchedule bm = new BrownianFixtureSchedule(SIGMA, T);
    GaussianPrior prior = new GaussianPrior(D, 0.0, 1.0);
    double dv = (targetStd * targetStd - 1) / T; // V'_s
    StepControl u =
        (g, k, s, x) -> {
          double lam = s / T;
          double m = lam * LOC;
          double var = (1 - lam) + lam * targetStd * targetStd;
          double alpha = (dv - SIGMA * SIGMA) / (2 * var);
          Ops tf = g.tf();
          // u = [m' + α(x − m)]/σ
          return Floating.view(
              tf.math.mul(
                  tf.math.add(tf.math.mul(tf.math.sub(x, g.scalar(m)), g.scalar(alpha)), g.scalar(LOC / T)),
                  g.scalar(1 / SIGMA)));
        };
    Coupling.InferenceControl v =
        (g, k, s, x) -> {
          double lam = s / T;
          double m = lam * LOC;
          double var = (1 - lam) + lam * targetStd * targetStd;
          double alpha = (dv - SIGMA * SIGMA) / (2 * var);
          Ops tf = g.tf();
          var score = tf.math.mul(tf.math.sub(x, g.scalar(m)), g.scalar(-SIGMA / var));
          var value = Floating.view(tf.math.sub(score, u.apply(g, k, s, x)));
          double div = D * (-SIGMA / var - alpha / SIGMA);
          var divergence =
              Floating.view(tf.math.add(tf.math.mul(tf.sum(x, tf.constant(1)), g.scalar(0.0)), g.scalar(divSign * div)));
          return new Coupling.VDiv(value, divergence);
        };
    try (GraphHarness h = new GraphHarness()) {
      SimulationRequest req =
          new SimulationRequest(bm, target, BATCH, steps, new SimulationRequirements(detached, true, 1), h.noise(3), false);
      RndTerms terms = LogRnd.timeReversal(h.ctx(), req, prior, u, Coupling.inference(v, req.schedule()));
      return h.eval(terms.logRnd(h.ctx().tf()));
    }
  }

  @ParameterizedTest(name = "target std {0}")
  @ValueSource(doubles = {1.0, 0.5})
  void rndIsMinusLogZAtTheClosedFormOptimumAndConcentratesAsStepsGrow(double targetStd) {
    double[] coarse = rnd(targetStd, 25, false, 1);
    double[] fine = rnd(targetStd, 200, false, 1);
    System.out.printf(
        "S=%.2f: N=25 mean %.4f std %.4f | N=200 mean %.4f std %.4f (−log Z = %.2f)%n",
        targetStd, Stats.mean(coarse), Stats.std(coarse), Stats.mean(fine), Stats.std(fine), -LOG_Z);
    assertThat(Stats.mean(fine)).isCloseTo(-LOG_Z, within(0.03));
    // the Euler–Maruyama spread shrinks like 1/√N (measured: 0.20 → 0.07 for S = 1, 0.42 → 0.14 for S = 0.5)
    assertThat(Stats.std(fine)).isLessThan(0.2);
    assertThat(Stats.std(fine)).isLessThan(0.5 * Stats.std(coarse));
  }

  @ParameterizedTest(name = "target std {0}")
  @ValueSource(doubles = {1.0, 0.5})
  void theOffPolicyFormHasTheSameValue(double targetStd) {
    assertThat(rnd(targetStd, 50, true, 1)).containsExactly(rnd(targetStd, 50, false, 1), within(1e-9));
  }

  @ParameterizedTest(name = "target std {0}")
  @ValueSource(doubles = {1.0, 0.5})
  void aFlippedDivergenceSignIsDetected(double targetStd) {
    // ∫σ∇·v ds = −1 (S = 1) and −(ln 4)/3 (S = 0.5): the flip moves mean(rnd) by twice that
    double expectedShift = targetStd == 1.0 ? 2.0 : 2 * Math.log(4) / 3;
    double shift = Stats.mean(rnd(targetStd, 200, false, -1)) - Stats.mean(rnd(targetStd, 200, false, 1));
    assertThat(shift).isCloseTo(expectedShift, within(0.02));
  }
}
