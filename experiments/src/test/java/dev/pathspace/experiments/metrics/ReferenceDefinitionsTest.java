package dev.pathspace.experiments.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Moments;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each metric that names a reference gives the reference's value on fixed samples (docs/math.md §8). The
 * fixture {@code reference-fixture.csv} (400 model samples of a too-wide, unevenly weighted 9-mode mixture,
 * 400 exact samples of the 9-mode grid GMM, and two log-RND columns) and the expected values were produced
 * by {@code reference_metrics.py} next to it, a NumPy/SciPy computation written from the definitions in
 * {@code juliusberner/sde_sampler} ({@code eval/sinkhorn.py}, {@code losses/oc.py compute_results},
 * {@code eval/metrics.py get_metrics}), independent of the Java code.
 */
class ReferenceDefinitionsTest {
  private static final double REL = 1e-10;

  private record Fixture(double[][] x, double[][] y, double[] rnd, double[] rndNoIto) {}

  private static Fixture fixture() throws IOException {
    List<double[]> rows = new ArrayList<>();
    try (InputStream in = ReferenceDefinitionsTest.class.getResourceAsStream("reference-fixture.csv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",");
        double[] row = new double[f.length];
        for (int j = 0; j < f.length; j++) {
          row[j] = Double.parseDouble(f[j]);
        }
        rows.add(row);
      }
    }
    int n = rows.size();
    double[][] x = new double[n][];
    double[][] y = new double[n][];
    double[] rnd = new double[n];
    double[] rndNoIto = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = rows.get(i);
      x[i] = new double[] {row[0], row[1]};
      y[i] = new double[] {row[2], row[3]};
      rnd[i] = row[4];
      rndNoIto[i] = row[5];
    }
    return new Fixture(x, y, rnd, rndNoIto);
  }

  private static void close(double actual, double expected) {
    assertThat(actual).isCloseTo(expected, within(REL * Math.max(1.0, Math.abs(expected))));
  }

  @Test
  void fixtureHasTheDocumentedShape() throws IOException {
    Fixture f = fixture();
    assertThat(f.x()).hasNumberOfRows(400);
    assertThat(f.y()).hasNumberOfRows(400);
  }

  @Test
  void sinkhornIsTheReferenceErrorSinkhorn() throws IOException {
    Fixture f = fixture();
    Sinkhorn.Result r = new Sinkhorn(Sinkhorn.defaults()).compute(f.x(), f.y());
    assertThat(r.referencePoints()).isEqualTo(400);
    close(r.referenceCost(), 0.30707822904360044);
  }

  @Test
  void logZEstimatorsAreTheReferenceOnes() throws IOException {
    Fixture f = fixture();
    LogZEstimates.Result z = LogZEstimates.compute(f.rnd(), f.rndNoIto());
    close(z.logZLb(), -0.05703862046307106); // log_norm_const_lb (run B, no Itô term)
    close(z.logZLbIto(), -0.06682572915571809); // log_norm_const_lb_ito
    close(z.logZIs(), 0.08926065547318474); // log_norm_const_is
    close(z.logWStd() * z.logWStd(), 0.30794515041297094); // eval/lv_loss
    assertThat(z.nNonFinite()).isZero();
  }

  @Test
  void essIsTheReferenceOne() throws IOException {
    Fixture f = fixture();
    EffectiveSampleSize.Result ess =
        EffectiveSampleSize.fromLogWeights(LogZEstimates.compute(f.rnd(), f.rndNoIto()).logWeights());
    close(ess.count(), 293.57970296939925); // eval/effective_sample_size
    close(ess.normalised(), 0.7339492574234981); // eval/norm_effective_sample_size
  }

  @Test
  void stdErrorIsTheReferenceAvgMarginalStddev() throws IOException {
    Fixture f = fixture();
    double s = Math.sqrt(0.3 + 50.0 / 3.0); // per-coordinate std of the 9-mode grid GMM
    MomentErrors.Result e =
        MomentErrors.compute(f.x(), null, new Moments(new double[] {0, 0}, new double[] {s, s}));
    close(e.stdError(), 0.26449107669683025); // error/avg_marginal_stddev
  }
}
