package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ForwardEstimates} against closed forms: for ρ = Z·N(m, S²) and a Gaussian model q = N(μ, V) in d
 * dimensions, with x ~ π and log w = log ρ(x) − log q(x), EUBO → log Z + d·KL(π ‖ q) and forward ESS →
 * (1 + χ²(π ‖ q))^{−d} = (∫π²/q)^{−d}; the parameters keep S² ∈ (V/2, 3V/2), where w and 1/w both have finite
 * variance under π, so the Monte Carlo estimates concentrate.
 */
class ForwardEstimatesTest {
  private static final double LOG_Z = 0.3;

  private static double logNormal(double x, double mean, double var) {
    return -0.5 * (x - mean) * (x - mean) / var - 0.5 * Math.log(2 * Math.PI * var);
  }

  private static double[] logWeights(int n, int d, double m, double s, double mu, double v, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double lw = LOG_Z;
      for (int j = 0; j < d; j++) {
        double u1 = Math.max(r.nextDouble(), 1e-300);
        double x = m + s * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
        lw += logNormal(x, m, s * s) - logNormal(x, mu, v);
      }
      out[i] = lw;
    }
    return out;
  }

  @Test
  void gaussianModelMatchesKlAndChiSquareClosedForms() {
    int d = 2;
    double m = 1.0;
    double s = 0.9;
    double mu = 0.6;
    double v = 1.0;
    int n = 200_000;
    ForwardEstimates.Result f = ForwardEstimates.fromLogWeights(logWeights(n, d, m, s, mu, v, 3));
    double kl = 0.5 * (s * s / v + (m - mu) * (m - mu) / v - 1 - Math.log(s * s / v));
    double a = 1 / (s * s) - 1 / (2 * v);
    double dm = m - mu;
    double chi2PlusOne = Math.sqrt(2 * Math.PI * v) / (2 * Math.PI * s * s) * Math.sqrt(Math.PI / a)
        * Math.exp(dm * dm / (Math.pow(s, 4) * a) - dm * dm / (s * s));
    assertThat(f.eubo()).isCloseTo(LOG_Z + d * kl, within(0.005));
    assertThat(f.eubo()).isGreaterThan(LOG_Z);
    assertThat(f.forwardEss()).isCloseTo(Math.pow(chi2PlusOne, -d), within(0.02));
    assertThat(f.logZForward()).isCloseTo(LOG_Z, within(0.01));
    assertThat(f.n()).isEqualTo(n);
    assertThat(f.nNonFinite()).isZero();
  }

  @Test
  void constantWeightsAreExactAndEssIsOne() {
    double[] lw = new double[50];
    Arrays.fill(lw, 1e5); // far beyond exp's range: the estimators must shift
    ForwardEstimates.Result f = ForwardEstimates.fromLogWeights(lw);
    assertThat(f.eubo()).isEqualTo(1e5);
    assertThat(f.logZForward()).isCloseTo(1e5, within(1e-9));
    assertThat(f.forwardEss()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void twoPointWeightsGiveTheHandComputedEss() {
    // w ∈ {1, e}: mean(w) = (1 + e)/2, mean(1/w) = (1 + 1/e)/2
    ForwardEstimates.Result f = ForwardEstimates.fromLogWeights(new double[] {0, 1, Double.NaN, Double.NEGATIVE_INFINITY});
    double e = Math.E;
    assertThat(f.forwardEss()).isCloseTo(4 / ((1 + e) * (1 + 1 / e)), within(1e-14));
    assertThat(f.eubo()).isCloseTo(0.5, within(1e-15));
    assertThat(f.logZForward()).isCloseTo(-Math.log((1 + 1 / e) / 2), within(1e-14));
    assertThat(f.n()).isEqualTo(4);
    assertThat(f.nNonFinite()).isEqualTo(2);
  }

  @Test
  void noFiniteWeightGivesNaN() {
    ForwardEstimates.Result f = ForwardEstimates.fromLogWeights(new double[] {Double.NaN});
    assertThat(f.eubo()).isNaN();
    assertThat(f.forwardEss()).isNaN();
    assertThat(f.nNonFinite()).isEqualTo(1);
  }
}
