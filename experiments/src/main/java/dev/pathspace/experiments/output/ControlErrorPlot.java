package dev.pathspace.experiments.output;

import dev.pathspace.experiments.engine.ControlErrorResult;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The heat map of the squared control error over (s, x) for a 1-D target (docs/math.md §14): cell (k, bin)
 * is log₁₀ E[|u_θ − u*|² | X_k ∈ bin] over the sampler's own trajectories; empty cells are blank. The time
 * axis is generative time s on a uniform grid, else the grid step k.
 */
public final class ControlErrorPlot {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 520;
  /** A perceptually ordered palette (viridis stops). */
  private static final Color[] PALETTE = {
    new Color(0x44, 0x01, 0x54), new Color(0x48, 0x28, 0x78), new Color(0x3e, 0x4a, 0x89),
    new Color(0x31, 0x68, 0x8e), new Color(0x26, 0x82, 0x8e), new Color(0x1f, 0x9e, 0x89),
    new Color(0x35, 0xb7, 0x79), new Color(0x6d, 0xcd, 0x59), new Color(0xb4, 0xde, 0x2c),
    new Color(0xfd, 0xe7, 0x25)
  };

  private ControlErrorPlot() {}

  /** Writes the heat map of {@code ce} (which must have one) as PNG. */
  public static void write(Path png, ControlErrorResult ce, String title) {
    ControlErrorResult.Heatmap h = ce.heatmap();
    if (h == null) {
      throw new IllegalArgumentException("control error has no heat map (1-D targets only)");
    }
    int n = ce.times().length;
    boolean uniform = uniform(ce.dts());
    double width = uniform ? ce.dts()[0] : 1;
    double binWidth = (h.upper() - h.lower()) / h.bins();
    List<double[]> cells = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < h.bins(); j++) {
        double v = h.mean()[k][j];
        if (Double.isFinite(v)) {
          double z = Math.log10(Math.max(v, 1e-12));
          double t = uniform ? ce.times()[k] + width / 2 : k + 0.5;
          cells.add(new double[] {t, h.lower() + (j + 0.5) * binWidth, z});
          lo = Math.min(lo, z);
          hi = Math.max(hi, z);
        }
      }
    }
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("control error heat map has no finite cell");
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double[][] series = new double[3][cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      for (int c = 0; c < 3; c++) {
        series[c][i] = cells.get(i)[c];
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("e", series);
    LookupPaintScale scale = new LookupPaintScale(lo, hi, PALETTE[0]);
    for (int i = 0; i < PALETTE.length; i++) {
      scale.add(lo + (hi - lo) * i / PALETTE.length, PALETTE[i]);
    }
    XYBlockRenderer r = new XYBlockRenderer();
    r.setBlockWidth(width);
    r.setBlockHeight(binWidth);
    r.setPaintScale(scale);
    NumberAxis x = new NumberAxis(uniform ? "generative time s" : "grid step k");
    NumberAxis y = new NumberAxis("state x");
    PaperStyle.axes(x, y);
    double tEnd = uniform ? ce.times()[n - 1] + ce.dts()[n - 1] : n;
    PaperStyle.range(x, uniform ? ce.times()[0] : 0, tEnd, 8);
    PaperStyle.range(y, h.lower(), h.upper(), 8);
    XYPlot plot = new XYPlot(data, x, y, r);
    PaperStyle.plot(plot);
    String sub = String.format(java.util.Locale.ROOT,
        "log10 E[|u - u*|^2 | s, x] over the sampler's trajectories; control_error = %.4g, control_kl = %.4g",
        ce.controlError(), ce.controlKl());
    JFreeChart chart = PaperStyle.chart(title, sub, plot, false);
    NumberAxis zAxis = new NumberAxis("log10 |u - u*|^2");
    PaperStyle.axes(zAxis);
    zAxis.setRange(lo, hi);
    PaintScaleLegend legend = new PaintScaleLegend(scale, zAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(new RectangleInsets(6, 6, 6, 6));
    legend.setStripWidth(12);
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    PaperStyle.save(chart, png, null, WIDTH, HEIGHT);
  }

  private static boolean uniform(double[] dts) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double d : dts) {
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    return max <= min * (1 + 1e-6);
  }

  /**
   * The per-step table of {@code control_error.csv}: step, s, ds, kl_weight, mean and standard error of
   * |u_θ − u*|² over the trajectories.
   */
  public static String csv(ControlErrorResult ce) {
    StringBuilder b = new StringBuilder("step,s,ds,kl_weight,mean_sq_error,se\n");
    for (int k = 0; k < ce.times().length; k++) {
      b.append(k).append(',').append(ce.times()[k]).append(',').append(ce.dts()[k]).append(',')
          .append(ce.klWeights()[k]).append(',').append(ce.mean()[k]).append(',').append(ce.se()[k]).append('\n');
    }
    return b.toString();
  }
}
