package dev.pathspace.experiments.output;

import dev.pathspace.api.Domain;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Target;
import dev.pathspace.experiments.metrics.EvaluationReport;
import dev.pathspace.experiments.metrics.MetricValues;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Align;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The {@code samples.png}/{@code samples.svg} figure. 2-D targets: the target density as a heat map
 * (image over the domain box) with the model samples as small translucent dots; d > 2: ground-truth
 * samples (first two coordinates, light grey, when the target can sample) under the model samples;
 * d = 1: density-normalised histogram of the samples over the normalised target density.
 */
public final class SamplePlot {
  /** PNG width in pixels. */
  public static final int WIDTH = 600;
  /** PNG height in pixels. */
  public static final int HEIGHT = 640;
  /** Model samples drawn at most. */
  public static final int MAX_POINTS = 2000;
  /** Heat-map resolution per axis. */
  public static final int GRID = 200;

  static final Color SAMPLE = new Color(0xC0, 0x39, 0x2B);
  static final Color REFERENCE = new Color(0x80, 0x80, 0x80);
  /** "Blues" colour stops (ColorBrewer), light to dark. */
  private static final int[] BLUES = {0xFFFFFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5};

  private SamplePlot() {}

  /** Renders the figure for {@code target} to {@code png} (and {@code svg} if non-null). */
  public static void write(
      Path png, Path svg, Target target, double[][] samples, Map<String, Object> metrics, String title,
      long seed) {
    Optional<GroundTruthSampler> gt = target.groundTruth();
    double[][] ref = target.dim() > 2 && gt.isPresent() ? gt.get().sample(MAX_POINTS, seed) : null;
    write(png, svg, target, samples, metrics, title, ref);
  }

  /**
   * Renders the figure of a run's evaluation: model samples and (d > 2) the first {@value #MAX_POINTS}
   * ground-truth samples from {@code report}; the subtitle from {@code metrics}.
   */
  public static void write(Path png, Path svg, EvaluationReport report, MetricValues metrics, String title) {
    double[][] ref = report.reference()
        .map(r -> Arrays.copyOf(r, Math.min(r.length, MAX_POINTS))).orElse(null);
    write(png, svg, report.target(), report.samples(), metrics.asMap(), title, ref);
  }

  private static void write(Path png, Path svg, Target target, double[][] samples, Map<String, Object> metrics,
      String title, double[][] reference) {
    Domain dom = target.domain();
    String sub = subtitle(metrics);
    double[][] model = Arrays.copyOf(samples, Math.min(samples.length, MAX_POINTS));
    JFreeChart chart;
    if (target.dim() == 1) {
      double lo = dom.lower()[0];
      double hi = dom.upper()[0];
      double[] xs = new double[400];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = lo + (hi - lo) * i / (xs.length - 1);
      }
      double[] curve = normalise(xs, DensityGrid.curve1d(target, xs));
      double[] all = Arrays.stream(samples).mapToDouble(r -> r[0]).toArray();
      chart = histogram(title, sub, lo, hi, xs, curve, all);
    } else {
      double[] lo = {dom.lower()[0], dom.lower()[1]};
      double[] hi = {dom.upper()[0], dom.upper()[1]};
      double[][] density = target.dim() == 2 ? DensityGrid.grid2d(target, lo, hi, GRID) : null;
      chart = scatter(title, sub, lo, hi, density, target.dim() > 2 ? reference : null, model);
    }
    PaperStyle.save(chart, png, svg, WIDTH, HEIGHT);
  }

  /** "log Z error = … · ESS = …" from the metric map, or null when neither is present. */
  static String subtitle(Map<String, Object> metrics) {
    StringBuilder sb = new StringBuilder();
    append(sb, metrics, "log_z_error", "log Z error");
    append(sb, metrics, "ess", "ESS");
    return sb.length() == 0 ? null : sb.toString();
  }

  private static void append(StringBuilder sb, Map<String, Object> m, String key, String label) {
    if (m != null && m.get(key) instanceof Number n) {
      if (sb.length() > 0) {
        sb.append("   \u00b7   ");
      }
      sb.append(label).append(" = ").append(String.format(Locale.ROOT, "%.4g", n.doubleValue()));
    }
  }

  /**
   * A 2-D scatter over the box {@code [lo, hi]}.
   *
   * @param density relative density {@code [nx][ny]} at cell centres (null: no heat map)
   * @param reference ground-truth points drawn light grey under the samples (null: none)
   */
  public static JFreeChart scatter(
      String title, String subtitle, double[] lo, double[] hi, double[][] density, double[][] reference,
      double[][] samples) {
    NumberAxis x = axis("x\u2080", lo[0], hi[0]);
    NumberAxis y = axis("x\u2081", lo[1], hi[1]);
    XYPlot plot = new XYPlot(null, x, y, null);
    PaperStyle.plot(plot);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    LegendItemCollection legend = new LegendItemCollection();
    if (density != null) {
      plot.setBackgroundImage(heatImage(density));
      plot.setBackgroundImageAlignment(Align.FIT);
      plot.setBackgroundImageAlpha(1.0f);
      legend.add(item("target density", new Rectangle2D.Double(-5, -5, 10, 10), new Color(BLUES[5])));
    }
    if (reference != null) {
      plot.setDataset(0, points("reference", reference));
      plot.setRenderer(0, dots(REFERENCE, 0.35f, 2.6));
      legend.add(item("ground truth", dot(5), REFERENCE));
    }
    plot.setDataset(1, points("samples", samples));
    plot.setRenderer(1, dots(SAMPLE, 0.45f, 3.0));
    legend.add(item("model samples (" + samples.length + ")", dot(5), SAMPLE));
    plot.setFixedLegendItems(legend);
    return PaperStyle.chart(title, subtitle, plot, true);
  }

  /**
   * A 1-D histogram (density-normalised over all {@code samples}) with the target density curve.
   *
   * @param density normalised target density at {@code xs}
   */
  public static JFreeChart histogram(
      String title, String subtitle, double lo, double hi, double[] xs, double[] density,
      double[] samples) {
    int bins = 60;
    double w = (hi - lo) / bins;
    double[][] h = new double[6][bins];
    long[] counts = new long[bins];
    for (double s : samples) {
      int b = (int) Math.floor((s - lo) / w);
      if (s >= lo && s <= hi) {
        counts[Math.min(b, bins - 1)]++;
      }
    }
    for (int b = 0; b < bins; b++) {
      h[1][b] = lo + b * w;
      h[2][b] = lo + (b + 1) * w;
      h[0][b] = 0.5 * (h[1][b] + h[2][b]);
      h[3][b] = samples.length == 0 ? 0 : counts[b] / (samples.length * w);
      h[5][b] = h[3][b];
    }
    DefaultIntervalXYDataset hist = new DefaultIntervalXYDataset();
    hist.addSeries("model samples (" + samples.length + ")", h);
    NumberAxis x = axis("x", lo, hi);
    NumberAxis y = new NumberAxis("density");
    double top = 0;
    for (int b = 0; b < bins; b++) {
      top = Math.max(top, h[3][b]);
    }
    for (double v : density) {
      top = Math.max(top, v);
    }
    PaperStyle.range(y, 0, top > 0 ? 1.08 * top : 1, 6);
    PaperStyle.axes(y);
    XYPlot plot = new XYPlot(null, x, y, null);
    PaperStyle.plot(plot);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    XYBarRenderer bars = new XYBarRenderer();
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setSeriesPaint(0, new Color(SAMPLE.getRed(), SAMPLE.getGreen(), SAMPLE.getBlue(), 110));
    plot.setDataset(0, hist);
    plot.setRenderer(0, bars);
    DefaultXYDataset curve = new DefaultXYDataset();
    curve.addSeries("target density", new double[][] {xs, density});
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, new Color(BLUES[6]));
    line.setSeriesStroke(0, new BasicStroke(1.8f));
    plot.setDataset(1, curve);
    plot.setRenderer(1, line);
    return PaperStyle.chart(title, subtitle, plot, true);
  }

  static double[] normalise(double[] xs, double[] f) {
    double z = 0;
    for (int i = 1; i < xs.length; i++) {
      z += 0.5 * (f[i] + f[i - 1]) * (xs[i] - xs[i - 1]);
    }
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = z > 0 ? f[i] / z : 0;
    }
    return out;
  }

  private static NumberAxis axis(String label, double lo, double hi) {
    NumberAxis a = new NumberAxis(label);
    PaperStyle.range(a, lo, hi, 7);
    PaperStyle.axes(a);
    return a;
  }

  private static DefaultXYDataset points(String key, double[][] pts) {
    double[][] xy = new double[2][pts.length];
    for (int i = 0; i < pts.length; i++) {
      xy[0][i] = pts[i][0];
      xy[1][i] = pts[i].length > 1 ? pts[i][1] : 0.0;
    }
    DefaultXYDataset ds = new DefaultXYDataset();
    ds.addSeries(key, xy);
    return ds;
  }

  private static XYLineAndShapeRenderer dots(Color c, float alpha, double size) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    r.setSeriesShape(0, dot(size));
    r.setSeriesPaint(0, new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(alpha * 255)));
    r.setUseOutlinePaint(false);
    return r;
  }

  private static Shape dot(double size) {
    return new Ellipse2D.Double(-size / 2, -size / 2, size, size);
  }

  private static LegendItem item(String label, Shape shape, Color paint) {
    LegendItem li = new LegendItem(label, paint);
    li.setShape(shape);
    li.setLabelFont(PaperStyle.TICK);
    return li;
  }

  /** The density as an image: column i ↔ x cell i, row 0 ↔ the top (largest y). */
  static BufferedImage heatImage(double[][] density) {
    int nx = density.length;
    int ny = density[0].length;
    BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < nx; i++) {
      for (int j = 0; j < ny; j++) {
        img.setRGB(i, ny - 1 - j, colour(density[i][j]));
      }
    }
    return img;
  }

  /** Linear interpolation in {@link #BLUES} for v in [0, 1]. */
  static int colour(double v) {
    double t = Math.max(0, Math.min(1, Double.isFinite(v) ? v : 0)) * (BLUES.length - 1);
    int k = Math.min((int) t, BLUES.length - 2);
    double f = t - k;
    int a = BLUES[k];
    int b = BLUES[k + 1];
    int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
    int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
    int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
    return (r << 16) | (g << 8) | bl;
  }
}
