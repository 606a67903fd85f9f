package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Target;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Writes marginals.png/svg for a fake diagonal Gaussian target (log density through a real TF graph) with
 * and without exact sampler, checks file format and size, and checks the histogram / importance-weighting
 * arithmetic against the known Gaussian. Set {@code -Dplots.dir=DIR} to keep the figures.
 */
class MarginalPlotTest {
  @TempDir Path tmp;

  /** N(mean, diag(std²)) on a wide box; log Z = 0; exact sampler only when {@code exact}. */
  record Gaussian(double[] mean, double[] std, boolean exact) implements Target {
    @Override
    public String id() {
      return "gauss";
    }

    @Override
    public int dim() {
      return mean.length;
    }

    @Override
    public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
      Ops tf = g.tf();
      int d = dim();
      double norm = 0;
      for (double s : std) {
        norm -= 0.5 * Math.log(2 * Math.PI * s * s);
      }
      Operand<TFloating> z = Floating.view(tf.math.div(tf.math.sub(x, g.constant(mean, 1, d)), g.constant(std, 1, d)));
      return Floating.view(tf.math.add(
          tf.math.mul(g.scalar(-0.5), tf.reduceSum(tf.math.square(z), tf.constant(1))), g.scalar(norm)));
    }

    @Override
    public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OptionalDouble logZ() {
      return OptionalDouble.of(0.0);
    }

    @Override
    public Optional<GroundTruthSampler> groundTruth() {
      return exact ? Optional.of(this::sample) : Optional.empty();
    }

    double[][] sample(int n, long seed) {
      return shifted(n, seed, 0.0);
    }

    /** Samples of N(mean + shift·std, diag(std²)). */
    double[][] shifted(int n, long seed, double shift) {
      Random r = new Random(seed);
      double[][] out = new double[n][dim()];
      for (double[] row : out) {
        for (int j = 0; j < dim(); j++) {
          row[j] = mean[j] + std[j] * (shift + r.nextGaussian());
        }
      }
      return out;
    }

    /** log p(x) − log q(x) for q = N(mean + shift·std, diag(std²)). */
    double[] logWeights(double[][] xs, double shift) {
      double[] lw = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        for (int j = 0; j < dim(); j++) {
          double z = (xs[i][j] - mean[j]) / std[j];
          lw[i] += -0.5 * z * z + 0.5 * (z - shift) * (z - shift);
        }
      }
      return lw;
    }

    @Override
    public Domain domain() {
      return Domain.cube(dim(), -12, 12);
    }
  }

  private Path out() throws Exception {
    String keep = System.getProperty("plots.dir");
    Path d = keep == null ? tmp : Path.of(keep);
    Files.createDirectories(d);
    return d;
  }

  private static void assertFigure(Path png, Path svg, int panels, String title) throws Exception {
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    BufferedImage img = ImageIO.read(png.toFile());
    int[] size = MarginalPlot.size(panels);
    assertThat(img.getWidth()).isEqualTo(size[0]);
    assertThat(img.getHeight()).isEqualTo(size[1]);
    String s = Files.readString(svg).strip();
    assertThat(s).contains("<svg").contains("marginals: " + title).endsWith("</svg>");
    assertThat(Files.size(svg)).isLessThan(1_000_000);
  }

  private static final Gaussian G2 = new Gaussian(new double[] {1.0, -2.0}, new double[] {1.0, 0.5}, true);

  @Test
  void twoDimensionalExactAndShiftedSamples() throws Exception {
    Path d = out();
    double[][] exact = G2.sample(4000, 11);
    Path png = d.resolve("marginals-2d-exact.png");
    Path svg = d.resolve("marginals-2d-exact.svg");
    MarginalPlot.write(png, svg, G2, exact, 7L, "exact samples");
    assertFigure(png, svg, 2, "exact samples");

    double[][] shifted = G2.shifted(4000, 12, 0.7);
    png = d.resolve("marginals-2d-shifted.png");
    svg = d.resolve("marginals-2d-shifted.svg");
    MarginalPlot.write(png, svg, G2, shifted, G2.logWeights(shifted, 0.7), 7L, "dis / log-variance on gauss");
    assertFigure(png, svg, 2, "dis / log-variance on gauss");
    assertThat(Files.readString(svg)).contains("model (IS-weighted)").contains("ground truth");
  }

  @Test
  void fourPanelsForHigherDimensionsWithBrokenWeights() throws Exception {
    Gaussian g5 = new Gaussian(new double[] {0, 1, 2, 3, 4}, new double[] {1, 2, 0.5, 1, 1}, true);
    double[][] xs = g5.shifted(3000, 3, 0.4);
    double[] lw = g5.logWeights(xs, 0.4);
    lw[0] = Double.NaN;
    lw[1] = Double.POSITIVE_INFINITY;
    xs[2][0] = Double.NaN;
    Path png = out().resolve("marginals-5d.png");
    Path svg = out().resolve("marginals-5d.svg");
    MarginalPlot.write(png, svg, g5, xs, lw, 1L, "pis / reverse-kl on gauss-5d");
    assertFigure(png, svg, 4, "pis / reverse-kl on gauss-5d");
  }

  @Test
  void oneDimensionalUsesTheExactDensity() throws Exception {
    Gaussian g1 = new Gaussian(new double[] {0.5}, new double[] {1.5}, false);
    double[][] xs = g1.shifted(5000, 4, -0.5);
    Path png = out().resolve("marginals-1d.png");
    Path svg = out().resolve("marginals-1d.svg");
    MarginalPlot.write(png, svg, g1, xs, g1.logWeights(xs, -0.5), 1L, "dds / moment on gauss-1d");
    assertFigure(png, svg, 1, "dds / moment on gauss-1d");
    assertThat(Files.readString(svg)).contains("exact density").doesNotContain("no ground truth");
  }

  @Test
  void withoutGroundTruthOnlyTheModelIsDrawn() throws Exception {
    Gaussian g3 = new Gaussian(new double[] {0, 0, 0}, new double[] {1, 1, 1}, false);
    Path png = out().resolve("marginals-nogt.png");
    Path svg = out().resolve("marginals-nogt.svg");
    MarginalPlot.write(png, svg, g3, g3.sample(3000, 2), 1L, "dis / log-variance on logreg");
    assertFigure(png, svg, 3, "dis / log-variance on logreg");
    assertThat(Files.readString(svg)).contains("no ground truth").doesNotContain("IS-weighted");
  }

  @Test
  void importanceWeightedHistogramRecoversTheTargetMarginal() {
    // proposal shifted by 0.7 std; self-normalised IS with n = 40 000 has mean error ~ sqrt(e^{0.49}/n) ≈ 0.007 std
    double shift = 0.7;
    double[][] xs = G2.shifted(40_000, 5, shift);
    double[] w = MarginalPlot.weights(xs.length, G2.logWeights(xs, shift));
    double[] x0 = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      x0[i] = xs[i][0];
    }
    double lo = -4;
    double hi = 6;
    double bw = (hi - lo) / MarginalPlot.BINS;
    double[] plain = MarginalPlot.histogram(x0, null, lo, hi);
    double[] weighted = MarginalPlot.histogram(x0, w, lo, hi);
    double mPlain = 0;
    double mWeighted = 0;
    double mass = 0;
    for (int b = 0; b < MarginalPlot.BINS; b++) {
      double c = lo + (b + 0.5) * bw;
      mPlain += c * plain[b] * bw;
      mWeighted += c * weighted[b] * bw;
      mass += weighted[b] * bw;
    }
    assertThat(mass).isCloseTo(1.0, within(2e-3)); // [-4, 6] holds 1 − 6e-7 of N(1, 1)
    assertThat(mPlain).isCloseTo(1.7, within(0.03));
    assertThat(mWeighted).isCloseTo(1.0, within(0.04)); // binning adds < bw²/12 to variance, not bias
    // the density at the mode bin (x ≈ 1) is φ(0) ≈ 0.399
    assertThat(weighted[(int) ((1.0 - lo) / bw)]).isCloseTo(0.399, within(0.03));
  }

  @Test
  void weightsAndRangeHandleEdgeCases() {
    double[] w = MarginalPlot.weights(4, new double[] {0.0, Double.NaN, -1.0, Double.POSITIVE_INFINITY});
    assertThat(w).containsExactly(1.0, 0.0, Math.exp(-1), 0.0);
    assertThat(MarginalPlot.weights(2, new double[] {Double.NaN, Double.NaN})).isNull();
    assertThat(MarginalPlot.weights(3, null)).isNull();
    // mass in [-1, 1] of a [-12, 12] domain: clipped to the padded interval
    assertThat(MarginalPlot.range(-12, 12, new double[] {-1, 1}, null)).containsExactly(-1.16, 1.16);
    // mass spread over most of the domain: the domain itself
    assertThat(MarginalPlot.range(-12, 12, new double[] {-10, 9})).containsExactly(-12.0, 12.0);
    // nothing known: the domain
    assertThat(MarginalPlot.range(-3, 3, (double[]) null)).containsExactly(-3.0, 3.0);
  }
}
