package dev.pathspace.experiments.output;

import dev.pathspace.api.Domain;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Target;
import dev.pathspace.experiments.metrics.EvaluationReport;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.Size2D;
import org.jfree.data.Range;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The {@code marginals.png}/{@code .svg} figure: for the first min(d, 4) coordinates (one panel each, a row,
 * or 2×2 for four) the model's marginal histogram (translucent bars), the self-normalised importance-weighted
 * marginal (weights {@code exp(logw − max logw)}, dashed) and the ground truth: the exact normalised density
 * for d = 1, a histogram of exact samples for d > 1 (the run's ground-truth samples of its evaluation report,
 * or {@value #REFERENCE_SAMPLES} drawn here by the stand-alone entry points), or none ("no ground truth").
 */
public final class MarginalPlot {
  /** Histogram bins per panel. */
  public static final int BINS = 60;
  /** Exact samples drawn for the ground-truth histograms (d > 1). */
  public static final int REFERENCE_SAMPLES = 20_000;
  /** Panels drawn at most. */
  public static final int MAX_PANELS = 4;

  private static final Color MODEL = new Color(0xC0, 0x39, 0x2B, 95);
  private static final Color MODEL_EDGE = new Color(0xC0, 0x39, 0x2B, 200);
  private static final Color WEIGHTED = new Color(0x8E, 0x1B, 0x10);
  private static final Color TRUTH = PaperStyle.INK;
  private static final Stroke WEIGHTED_STROKE =
      new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {5f, 3f}, 0f);
  private static final Stroke TRUTH_STROKE =
      new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

  private MarginalPlot() {}

  /** As {@link #write(Path, Path, Target, double[][], double[], long, String)} without importance weights. */
  public static void write(Path png, Path svg, Target target, double[][] samples, long seed, String title) {
    write(png, svg, target, samples, null, seed, title);
  }

  /**
   * Renders the figure to {@code png} (and {@code svg} if non-null).
   *
   * @param samples model samples {@code [n][d]} (non-finite values are ignored)
   * @param logWeights log importance weights {@code [n]} (null: no weighted curve; non-finite ones skipped)
   * @param seed seed of the exact ground-truth samples
   * @param title run description; the figure title is "marginals: " + title
   */
  public static void write(
      Path png, Path svg, Target target, double[][] samples, double[] logWeights, long seed, String title) {
    Optional<GroundTruthSampler> gt = target.groundTruth();
    double[][] ref = target.dim() > 1 && gt.isPresent() ? gt.get().sample(REFERENCE_SAMPLES, seed) : null;
    write(png, svg, target, samples, logWeights, ref, title);
  }

  /**
   * Renders the figure of a run's evaluation: model samples, importance weights and ground-truth samples
   * all from {@code report} (nothing is drawn or recomputed here).
   */
  public static void write(Path png, Path svg, EvaluationReport report, String title) {
    write(png, svg, report.target(), report.samples(), report.logWeights(), report.reference().orElse(null),
        title);
  }

  private static void write(Path png, Path svg, Target target, double[][] samples, double[] logWeights,
      double[][] reference, String title) {
    int d = target.dim();
    int k = Math.min(d, MAX_PANELS);
    double[] w = weights(samples.length, logWeights);
    double[][] ref = d > 1 ? reference : null;
    boolean truth = d == 1 || ref != null;
    Domain dom = target.domain();
    JFreeChart[] panels = new JFreeChart[k];
    for (int j = 0; j < k; j++) {
      double[] model = column(samples, j);
      double lo = dom.lower()[j];
      double hi = dom.upper()[j];
      double[][] exact = null; // {xs, density}
      double[] mass;
      if (d == 1) {
        double[] xs = grid(lo, hi, 2001);
        mass = quantiles(xs, DensityGrid.curve1d(target, xs));
      } else {
        mass = ref != null ? quantiles(column(ref, j), 1e-3) : null;
      }
      double[] r = range(lo, hi, mass, quantiles(model, 1e-3));
      if (d == 1) {
        double[] xs = grid(r[0], r[1], 400);
        exact = new double[][] {xs, SamplePlot.normalise(xs, DensityGrid.curve1d(target, xs))};
      } else if (ref != null) {
        double[] h = histogram(column(ref, j), null, r[0], r[1]);
        exact = steps(r[0], r[1], h);
      }
      double[] hw = w == null ? null : histogram(model, w, r[0], r[1]);
      panels[j] = panel(j, r[0], r[1], histogram(model, null, r[0], r[1]), hw, exact, j % (k == 4 ? 2 : k) == 0);
    }
    int[] size = size(k);
    render(panels, k == 4 ? 2 : k, "marginals: " + title, truth ? null : "no ground truth",
        legend(w != null, d == 1, truth), png, svg, size[0], size[1]);
  }

  /** PNG {width, height} for {@code panels} panels. */
  static int[] size(int panels) {
    return switch (panels) {
      case 1 -> new int[] {560, 380};
      case 2 -> new int[] {820, 340};
      case 3 -> new int[] {1000, 320};
      default -> new int[] {800, 700};
    };
  }

  /** Self-normalisable weights exp(logw − max) (0 for non-finite), or null when none is usable. */
  static double[] weights(int n, double[] logWeights) {
    if (logWeights == null || logWeights.length != n) {
      return null;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logWeights) {
      max = Double.isFinite(v) ? Math.max(max, v) : max;
    }
    if (!Double.isFinite(max)) {
      return null;
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = Double.isFinite(logWeights[i]) ? Math.exp(logWeights[i] - max) : 0.0;
    }
    return w;
  }

  /**
   * Density-normalised histogram of {@code xs} (optionally weighted) with {@link #BINS} bins over [lo, hi]:
   * bin mass / (total mass of all finite entries · bin width), so mass outside [lo, hi] is not redistributed.
   */
  static double[] histogram(double[] xs, double[] w, double lo, double hi) {
    double bw = (hi - lo) / BINS;
    double[] h = new double[BINS];
    double total = 0;
    for (int i = 0; i < xs.length; i++) {
      double wi = w == null ? 1.0 : w[i];
      if (!Double.isFinite(xs[i]) || !(wi > 0)) {
        continue;
      }
      total += wi;
      if (xs[i] >= lo && xs[i] <= hi) {
        h[Math.min((int) ((xs[i] - lo) / bw), BINS - 1)] += wi;
      }
    }
    for (int b = 0; b < BINS; b++) {
      h[b] = total > 0 ? h[b] / (total * bw) : 0.0;
    }
    return h;
  }

  /**
   * The plotted interval: the domain, or — when the mass interval (union of the given quantile intervals,
   * padded by 8 %) covers less than 80 % of it — that interval clipped to the domain.
   */
  static double[] range(double lo, double hi, double[]... masses) {
    double a = Double.POSITIVE_INFINITY;
    double b = Double.NEGATIVE_INFINITY;
    for (double[] m : masses) {
      if (m != null) {
        a = Math.min(a, m[0]);
        b = Math.max(b, m[1]);
      }
    }
    if (!(a <= b)) {
      return new double[] {lo, hi};
    }
    double pad = b > a ? 0.08 * (b - a) : 0.05 * (hi - lo);
    double ca = Math.max(lo, a - pad);
    double cb = Math.min(hi, b + pad);
    return cb > ca && cb - ca < 0.8 * (hi - lo) ? new double[] {ca, cb} : new double[] {lo, hi};
  }

  /** The {q, 1 − q} empirical quantiles of the finite values, or null when there are none. */
  static double[] quantiles(double[] xs, double q) {
    double[] f = Arrays.stream(xs).filter(Double::isFinite).sorted().toArray();
    if (f.length == 0) {
      return null;
    }
    int i = (int) Math.floor(q * (f.length - 1));
    return new double[] {f[i], f[f.length - 1 - i]};
  }

  /** The 0.1 % / 99.9 % quantiles of a density tabulated at {@code xs} (trapezoid CDF). */
  private static double[] quantiles(double[] xs, double[] f) {
    double[] cdf = new double[xs.length];
    for (int i = 1; i < xs.length; i++) {
      cdf[i] = cdf[i - 1] + 0.5 * (f[i] + f[i - 1]) * (xs[i] - xs[i - 1]);
    }
    double z = cdf[xs.length - 1];
    if (!(z > 0)) {
      return null;
    }
    int a = 0;
    while (a < xs.length - 1 && cdf[a + 1] < 1e-3 * z) {
      a++;
    }
    int b = xs.length - 1;
    while (b > 0 && cdf[b - 1] > (1 - 1e-3) * z) {
      b--;
    }
    return new double[] {xs[a], xs[b]};
  }

  private static double[] grid(double lo, double hi, int n) {
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = lo + (hi - lo) * i / (n - 1);
    }
    return xs;
  }

  /** Coordinate j of the rows that are entirely finite (NaN for the others, so indices stay aligned). */
  private static double[] column(double[][] rows, int j) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      boolean ok = true;
      for (double v : rows[i]) {
        ok &= Double.isFinite(v);
      }
      out[i] = ok ? rows[i][j] : Double.NaN;
    }
    return out;
  }

  /** A histogram as a step polyline {xs, ys} starting and ending at 0. */
  static double[][] steps(double lo, double hi, double[] h) {
    double bw = (hi - lo) / h.length;
    double[][] s = new double[2][2 * h.length + 2];
    s[0][0] = lo;
    for (int b = 0; b < h.length; b++) {
      s[0][2 * b + 1] = lo + b * bw;
      s[1][2 * b + 1] = h[b];
      s[0][2 * b + 2] = lo + (b + 1) * bw;
      s[1][2 * b + 2] = h[b];
    }
    s[0][s[0].length - 1] = hi;
    return s;
  }

  private static JFreeChart panel(
      int j, double lo, double hi, double[] model, double[] weighted, double[][] exact, boolean yLabel) {
    double bw = (hi - lo) / BINS;
    double[][] centres = new double[2][BINS];
    double top = 0;
    for (int b = 0; b < BINS; b++) {
      centres[0][b] = lo + (b + 0.5) * bw;
      top = Math.max(top, model[b]);
    }
    if (exact != null) {
      top = Math.max(top, Arrays.stream(exact[1]).max().orElse(0));
    }
    if (weighted != null) {
      centres[1] = weighted;
      double wmax = Arrays.stream(weighted).max().orElse(0);
      top = top > 0 ? Math.max(top, Math.min(wmax, 1.5 * top)) : wmax; // a single heavy weight may clip
    }
    NumberAxis x = new NumberAxis("x" + (char) ('\u2080' + j));
    PaperStyle.range(x, lo, hi, 5);
    NumberAxis y = new NumberAxis(yLabel ? "density" : null);
    PaperStyle.range(y, 0, top > 0 ? 1.08 * top : 1, 4);
    PaperStyle.axes(x, y);
    XYPlot plot = new XYPlot(null, x, y, null);
    PaperStyle.plot(plot);
    plot.setInsets(new RectangleInsets(4, 4, 4, 10));
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
    area.setOutline(true);
    area.setSeriesPaint(0, MODEL);
    area.setSeriesOutlinePaint(0, MODEL_EDGE);
    area.setSeriesOutlineStroke(0, new BasicStroke(0.7f));
    plot.setDataset(0, series("model", steps(lo, hi, model)));
    plot.setRenderer(0, area);
    if (exact != null) {
      plot.setDataset(1, series("ground truth", exact));
      plot.setRenderer(1, line(TRUTH, TRUTH_STROKE));
    }
    if (weighted != null) {
      plot.setDataset(2, series("model (IS-weighted)", centres));
      plot.setRenderer(2, line(WEIGHTED, WEIGHTED_STROKE));
    }
    JFreeChart chart = new JFreeChart(null, PaperStyle.TITLE, plot, false); // PaperStyle.chart needs a title
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 4, 4, 4));
    return chart;
  }

  private static DefaultXYDataset series(String key, double[][] xy) {
    DefaultXYDataset ds = new DefaultXYDataset();
    ds.addSeries(key, xy);
    return ds;
  }

  private static XYLineAndShapeRenderer line(Color c, Stroke s) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, c);
    r.setSeriesStroke(0, s);
    return r;
  }

  private static LegendItemCollection legend(boolean weighted, boolean curve, boolean truth) {
    LegendItemCollection items = new LegendItemCollection();
    items.add(new LegendItem("model", null, null, null, new Rectangle2D.Double(-6, -5, 12, 10), MODEL,
        new BasicStroke(0.7f), MODEL_EDGE));
    Line2D seg = new Line2D.Double(-9, 0, 9, 0);
    if (weighted) {
      items.add(new LegendItem("model (IS-weighted)", null, null, null, seg, WEIGHTED_STROKE, WEIGHTED));
    }
    if (truth) {
      String what = curve ? "exact density" : String.format(Locale.ROOT, "%,d exact samples", REFERENCE_SAMPLES);
      items.add(new LegendItem("ground truth (" + what + ")", null, null, null, seg, TRUTH_STROKE, TRUTH));
    }
    for (int i = 0; i < items.getItemCount(); i++) {
      LegendItem li = items.get(i);
      li.setLabelFont(PaperStyle.TICK);
      li.setLabelPaint(PaperStyle.INK);
    }
    return items;
  }

  /** Title on top, panels in a grid with {@code cols} columns, one shared legend at the bottom. */
  private static void render(
      JFreeChart[] panels, int cols, String title, String note, LegendItemCollection items, Path png, Path svg,
      int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    draw(g, panels, cols, title, note, items, w, h);
    g.dispose();
    try {
      ImageIO.write(img, "png", png.toFile());
      if (svg != null) {
        SVGGraphics2D s = new SVGGraphics2D(w, h);
        s.setGeomDoubleConverter(v -> java.math.BigDecimal.valueOf(Math.round(v * 100), 2)
            .stripTrailingZeros().toPlainString());
        draw(s, panels, cols, title, note, items, w, h);
        SVGUtils.writeToSVG(svg.toFile(), s.getSVGElement());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }

  private static void draw(
      Graphics2D g, JFreeChart[] panels, int cols, String title, String note, LegendItemCollection items, int w,
      int h) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setPaint(Color.WHITE);
    g.fillRect(0, 0, w, h);
    TextTitle t = new TextTitle(title, PaperStyle.TITLE);
    t.setPaint(PaperStyle.INK);
    double top = block(g, t, 8, w);
    if (note != null) {
      TextTitle n = new TextTitle(note, PaperStyle.SUBTITLE);
      n.setPaint(new Color(0x55, 0x55, 0x55));
      top = block(g, n, top + 2, w);
    }
    LegendTitle l = new LegendTitle(() -> items);
    l.setItemFont(PaperStyle.TICK);
    l.setItemPaint(PaperStyle.INK);
    Size2D ls = l.arrange(g, new RectangleConstraint(new Range(0, w - 20.0), new Range(0, 200)));
    double bottom = h - ls.height - 8;
    block(g, l, bottom, w);
    int rows = (panels.length + cols - 1) / cols;
    double pw = (w - 12.0) / cols;
    double ph = (bottom - top - 4) / rows;
    for (int i = 0; i < panels.length; i++) {
      panels[i].draw(g, new Rectangle2D.Double(6 + (i % cols) * pw, top + 2 + (i / cols) * ph, pw, ph));
    }
  }

  /** Draws a title block horizontally centred with its top at {@code y}; returns its bottom. */
  private static double block(Graphics2D g, Title t, double y, int w) {
    Size2D s = t.arrange(g, new RectangleConstraint(new Range(0, w - 20.0), new Range(0, 200)));
    t.draw(g, new Rectangle2D.Double((w - s.width) / 2, y, s.width, s.height));
    return y + s.height;
  }
}
