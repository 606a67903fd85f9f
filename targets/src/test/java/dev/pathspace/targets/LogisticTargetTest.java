package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Target;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticTargetTest {
  @Test
  void dataShapesLabelsAndStandardisation() {
    LogisticData ion = IonosphereLogisticTarget.data();
    assertThat(ion.rows()).isEqualTo(351);
    assertThat(ion.params()).isEqualTo(35);
    LogisticData son = SonarLogisticTarget.data();
    assertThat(son.rows()).isEqualTo(208);
    assertThat(son.params()).isEqualTo(61);
    assertThat(count(ion.labels(), 1)).isEqualTo(225); // good
    assertThat(count(ion.labels(), -1)).isEqualTo(126); // bad
    assertThat(count(son.labels(), 1)).isEqualTo(111); // M
    assertThat(count(son.labels(), -1)).isEqualTo(97); // R
    for (LogisticData data : new LogisticData[] {ion, son}) {
      for (int j = 0; j < data.params(); j++) {
        double m = 0;
        double m2 = 0;
        for (double[] row : data.features()) {
          m += row[j];
          m2 += row[j] * row[j];
        }
        m /= data.rows();
        double var = m2 / data.rows() - m * m;
        if (j == 0) {
          assertThat(m).isEqualTo(1.0);
        } else if (data == ion && j == 2) { // V2 is constant 0: centred, not scaled
          assertThat(var).isZero();
          assertThat(m).isZero();
        } else {
          assertThat(m).isCloseTo(0, within(1e-12));
          assertThat(var).isCloseTo(1, within(1e-12));
        }
      }
    }
  }

  private static long count(double[] y, double v) {
    return java.util.Arrays.stream(y).filter(a -> a == v).count();
  }

  private static double javaLog(LogisticData data, double[] w) {
    double lp = -0.5 * w.length * Math.log(2 * Math.PI);
    for (double v : w) {
      lp -= 0.5 * v * v;
    }
    for (int i = 0; i < data.rows(); i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += data.features()[i][j] * w[j];
      }
      lp += -Math.log1p(Math.exp(-data.labels()[i] * z));
    }
    return lp;
  }

  @Test
  void logDensityAndScore() {
    Random rnd = new Random(3);
    Target[] ts = {
      new IonosphereLogisticTarget(IonosphereLogisticTarget.Params.defaults()),
      new SonarLogisticTarget(SonarLogisticTarget.Params.defaults())
    };
    LogisticData[] ds = {IonosphereLogisticTarget.data(), SonarLogisticTarget.data()};
    for (int k = 0; k < 2; k++) {
      int d = ts[k].dim();
      double[][] w = new double[2][d];
      for (int j = 0; j < d; j++) {
        w[0][j] = 0.3 * rnd.nextGaussian();
        w[1][j] = 1.5 * rnd.nextGaussian(); // large margins: exercises the stable log-sigmoid
      }
      double[] lp = TargetAsserts.logDensity(ts[k], w);
      for (int i = 0; i < 2; i++) {
        double e = javaLog(ds[k], w[i]);
        assertThat(lp[i]).isCloseTo(e, within(1e-9 * Math.abs(e)));
      }
      TargetAsserts.scoreMatchesFiniteDifferences(ts[k], w, 1e-5, 1e-6);
    }
  }

  @Test
  void wrongDimIsRejectedByName() {
    assertThatThrownBy(() -> new IonosphereLogisticTarget.Params(34))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dim").hasMessageContaining("35").hasMessageContaining("got 34");
    assertThatThrownBy(() -> new SonarLogisticTarget.Params(60))
        .hasMessageContaining("dim").hasMessageContaining("61").hasMessageContaining("got 60");
  }
}
