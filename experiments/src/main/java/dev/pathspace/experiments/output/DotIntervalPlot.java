package dev.pathspace.experiments.output;

import dev.pathspace.experiments.storage.AtomicFiles;
import dev.pathspace.experiments.sweep.DotIntervalData;
import dev.pathspace.experiments.sweep.FigureNames;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Renders a {@link DotIntervalData}: configurations on the vertical axis, the metric on the horizontal one,
 * each seed a small grey dot and the mean ± standard error as a black bar with the mean marked (the
 * paper style of the other plots).
 */
public final class DotIntervalPlot {
  /** PNG width in pixels. */
  public static final int WIDTH = 720;

  private static final Color SEED = new Color(0x55, 0x55, 0x55, 170);

  private DotIntervalPlot() {}

  /** PNG height for {@code rows} configurations. */
  static int height(int rows) {
    return 140 + 34 * rows;
  }

  /** The file stem of a figure ({@code dot_<target>_<metric>}, see {@link FigureNames#dot}). */
  public static String stem(DotIntervalData d) {
    return FigureNames.dot(d.target(), d.metric());
  }

  /** Writes every figure as {@code dir/<stem>.png} and {@code .svg} (atomically); returns the PNG paths. */
  public static List<Path> writeAll(AtomicFiles files, List<DotIntervalData> figures, Path dir) {
    List<Path> pngs = new ArrayList<>();
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + dir, e);
    }
    for (DotIntervalData d : figures) {
      Path png = dir.resolve(stem(d) + ".png");
      Path svg = dir.resolve(stem(d) + ".svg");
      files.writeAll(List.of(png, svg), t -> PaperStyle.save(chart(d), t.get(0), t.get(1), WIDTH,
          height(d.rows().size())));
      pngs.add(png);
    }
    return pngs;
  }

  /** The chart of {@code d}. */
  public static JFreeChart chart(DotIntervalData d) {
    int n = d.rows().size();
    String[] labels = new String[n];
    DefaultXYDataset dots = new DefaultXYDataset();
    DefaultXYDataset bars = new DefaultXYDataset();
    DefaultXYDataset means = new DefaultXYDataset();
    List<double[]> dotPts = new ArrayList<>();
    double[][] meanXy = new double[2][n];
    for (int i = 0; i < n; i++) {
      DotIntervalData.Row r = d.rows().get(i);
      int y = n - 1 - i; // first configuration on top
      labels[y] = r.label();
      for (int s = 0; s < r.values().size(); s++) {
        double v = r.values().get(s);
        if (Double.isFinite(v)) {
          // seeds spread slightly around the row so that equal values stay visible
          double jitter = r.values().size() < 2 ? 0 : 0.24 * (s / (r.values().size() - 1.0) - 0.5);
          dotPts.add(new double[] {v, y + jitter});
        }
      }
      if (!Double.isNaN(r.lo())) {
        bars.addSeries("interval " + i, new double[][] {{r.lo(), r.hi()}, {y, y}});
      }
      meanXy[0][i] = r.mean();
      meanXy[1][i] = y;
    }
    double[][] dxy = new double[2][dotPts.size()];
    for (int k = 0; k < dotPts.size(); k++) {
      dxy[0][k] = dotPts.get(k)[0];
      dxy[1][k] = dotPts.get(k)[1];
    }
    dots.addSeries("seed", dxy);
    means.addSeries("mean ± se", meanXy);
    NumberAxis x = new NumberAxis(d.metric());
    x.setAutoRangeIncludesZero(false);
    SymbolAxis y = new SymbolAxis(null, labels);
    y.setRange(-0.6, n - 0.4);
    y.setGridBandsVisible(false);
    PaperStyle.axes(x, y);
    XYPlot plot = new XYPlot(null, x, y, null);
    PaperStyle.plot(plot);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    XYLineAndShapeRenderer dotR = new XYLineAndShapeRenderer(false, true);
    dotR.setSeriesPaint(0, SEED);
    dotR.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    plot.setDataset(0, dots);
    plot.setRenderer(0, dotR);
    XYLineAndShapeRenderer barR = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < bars.getSeriesCount(); s++) {
      barR.setSeriesPaint(s, PaperStyle.INK);
      barR.setSeriesStroke(s, new BasicStroke(2.2f));
      barR.setSeriesVisibleInLegend(s, false);
    }
    plot.setDataset(1, bars);
    plot.setRenderer(1, barR);
    XYLineAndShapeRenderer meanR = new XYLineAndShapeRenderer(false, true);
    meanR.setSeriesPaint(0, PaperStyle.INK);
    meanR.setSeriesShape(0, new java.awt.Rectangle(-2, -6, 4, 12));
    plot.setDataset(2, means);
    plot.setRenderer(2, meanR);
    return PaperStyle.chart(d.metric() + " on " + d.target(),
        "each dot one seed; bar = mean ± standard error over seeds", plot, true);
  }
}
