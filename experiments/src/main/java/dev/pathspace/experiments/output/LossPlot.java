package dev.pathspace.experiments.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The {@code loss.png} figure: the training loss per step (light) with a moving average (dark); log-scale
 * y axis when every loss is positive.
 */
public final class LossPlot {
  /** PNG width in pixels. */
  public static final int WIDTH = 720;
  /** PNG height in pixels. */
  public static final int HEIGHT = 420;

  private LossPlot() {}

  /** Renders the loss curve to {@code png} (and {@code svg} if non-null). */
  public static void write(Path png, Path svg, String title, int[] steps, double[] losses) {
    PaperStyle.save(chart(title, steps, losses), png, svg, WIDTH, HEIGHT);
  }

  /** The loss-curve chart. */
  public static JFreeChart chart(String title, int[] steps, double[] losses) {
    boolean positive = losses.length > 0;
    for (double l : losses) {
      positive &= l > 0;
    }
    ValueAxis y;
    if (positive) {
      LogAxis log = new LogAxis("loss");
      log.setSmallestValue(1e-300);
      log.setBase(10);
      double min = Double.POSITIVE_INFINITY;
      double max = 0;
      for (double l : losses) {
        min = Math.min(min, l);
        max = Math.max(max, l);
      }
      if (Math.log10(max / min) >= 1.5) {
        log.setTickUnit(new NumberTickUnit(1.0)); // one tick per decade, labelled 10^k
      } else {
        log.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
      }
      y = log;
    } else {
      NumberAxis lin = new NumberAxis("loss");
      lin.setAutoRangeIncludesZero(false);
      y = lin;
    }
    NumberAxis x = new NumberAxis("step");
    x.setAutoRangeIncludesZero(false);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    PaperStyle.axes(x, y);
    double[] xs = new double[steps.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = steps[i];
    }
    XYPlot plot = new XYPlot(null, x, y, null);
    PaperStyle.plot(plot);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    DefaultXYDataset raw = new DefaultXYDataset();
    raw.addSeries("loss", new double[][] {xs, losses});
    plot.setDataset(0, raw);
    plot.setRenderer(0, line(new Color(0x9E, 0xCA, 0xE1), 0.8f));
    DefaultXYDataset smooth = new DefaultXYDataset();
    smooth.addSeries("moving average", new double[][] {xs, movingAverage(losses, positive)});
    plot.setDataset(1, smooth);
    plot.setRenderer(1, line(new Color(0x08, 0x45, 0x94), 1.8f));
    return PaperStyle.chart(title, null, plot, true);
  }

  /** Centred moving average over ~2 % of the run (geometric mean for log axes). */
  static double[] movingAverage(double[] v, boolean geometric) {
    int n = v.length;
    int half = Math.max(1, n / 100);
    double[] pre = new double[n + 1];
    for (int i = 0; i < n; i++) {
      pre[i + 1] = pre[i] + (geometric ? Math.log(v[i]) : v[i]);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int a = Math.max(0, i - half);
      int b = Math.min(n, i + half + 1);
      double m = (pre[b] - pre[a]) / (b - a);
      out[i] = geometric ? Math.exp(m) : m;
    }
    return out;
  }

  private static XYLineAndShapeRenderer line(Color c, float width) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, c);
    r.setSeriesStroke(0, new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    return r;
  }
}
