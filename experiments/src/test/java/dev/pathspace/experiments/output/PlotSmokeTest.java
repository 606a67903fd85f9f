package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.fakes.GmmFake;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes samples.png/svg and loss.png for fake targets (the 2-D density heat map is evaluated through a real
 * TF graph) and checks that the files are PNGs of the declared size. Set {@code -Dplots.dir=DIR} to keep them.
 */
class PlotSmokeTest {
  @TempDir Path tmp;

  private Path out() throws Exception {
    String keep = System.getProperty("plots.dir");
    Path d = keep == null ? tmp : Path.of(keep);
    Files.createDirectories(d);
    return d;
  }

  private static BufferedImage png(Path f) throws Exception {
    byte[] head = Files.readAllBytes(f);
    assertThat(head).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    BufferedImage img = ImageIO.read(f.toFile());
    assertThat(img).isNotNull();
    return img;
  }

  @Test
  void twoDimensionalTargetWithHeatMap() throws Exception {
    GmmFake target = new GmmFake(GmmFake.Params.defaults());
    double[][] samples = target.sample(5000, 3);
    // a slightly wrong model: shrink the samples a little
    for (double[] s : samples) {
      s[0] *= 0.9;
      s[1] *= 0.9;
    }
    Path d = out();
    Path png = d.resolve("samples.png");
    Path svg = d.resolve("samples.svg");
    SamplePlot.write(png, svg, target, samples, Map.of("log_z_error", 0.0123, "ess", 0.874),
        "dis / log-variance on gmm", 1);
    BufferedImage img = png(png);
    assertThat(img.getWidth()).isEqualTo(SamplePlot.WIDTH);
    assertThat(img.getHeight()).isEqualTo(SamplePlot.HEIGHT);
    String s = Files.readString(svg);
    assertThat(s).contains("<svg").contains("dis / log-variance on gmm");
    assertThat(Files.size(svg)).isLessThan(2_000_000);
    // the centre of the ring has (almost) no density: its pixel is near white; a mode is blue
    assertThat(SamplePlot.colour(0.0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
  }

  @Test
  void highDimensionalTargetShowsGroundTruthPoints() throws Exception {
    GmmFake target = new GmmFake(new GmmFake.Params(5, 4, 3.0, 0.5, GmmFake.Layout.RING, List.of()));
    Path png = out().resolve("samples-5d.png");
    SamplePlot.write(png, null, target, target.sample(3000, 5), Map.of(), "dis / moment on gmm", 1);
    BufferedImage img = png(png);
    assertThat(img.getWidth()).isEqualTo(SamplePlot.WIDTH);
  }

  @Test
  void oneDimensionalTargetHistogram() throws Exception {
    GmmFake target = new GmmFake(new GmmFake.Params(1, 2, 3.0, 0.7, GmmFake.Layout.RING, List.of()));
    Path png = out().resolve("samples-1d.png");
    SamplePlot.write(png, null, target, target.sample(20000, 5), Map.of("ess", 0.5), "pis / reverse-kl on gmm", 1);
    assertThat(png(png).getHeight()).isEqualTo(SamplePlot.HEIGHT);
  }

  @Test
  void lossCurve() throws Exception {
    Random r = new Random(1);
    int n = 2000;
    int[] steps = new int[n];
    double[] loss = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = i + 1;
      loss[i] = (5.0 * Math.exp(-i / 300.0) + 0.05) * Math.exp(0.4 * r.nextGaussian());
    }
    Path png = out().resolve("loss.png");
    LossPlot.write(png, null, "training loss: dis / log-variance on gmm", steps, loss);
    BufferedImage img = png(png);
    assertThat(img.getWidth()).isEqualTo(LossPlot.WIDTH);
    assertThat(img.getHeight()).isEqualTo(LossPlot.HEIGHT);
    // negative losses switch to a linear axis
    loss[3] = -1;
    Path lin = out().resolve("loss-linear.png");
    LossPlot.write(lin, null, "linear", steps, loss);
    assertThat(png(lin).getWidth()).isEqualTo(LossPlot.WIDTH);
  }

  @Test
  void densityGridMatchesTheTargetShape() {
    GmmFake target = new GmmFake(GmmFake.Params.defaults());
    double[][] g = DensityGrid.grid2d(target, new double[] {-5, -5}, new double[] {5, 5}, 11);
    // cell centres at -5+ (i+.5)*10/11; mode (5, 0) is nearest cell i=10, j=5; centre (0,0) is i=5,j=5
    assertThat(g[10][5]).isGreaterThan(0.2);
    assertThat(g[5][5]).isLessThan(1e-10);
    double max = 0;
    for (double[] row : g) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    assertThat(max).isEqualTo(1.0);
  }
}
