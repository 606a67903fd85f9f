package dev.pathspace.experiments.output;

import dev.pathspace.experiments.storage.AtomicFiles;
import dev.pathspace.experiments.sweep.LearningCurveData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Renders a {@link LearningCurveData}: one coloured line per configuration (the median over seeds) with a
 * translucent band of the same colour (the inter-quartile range), the statistic stated in the subtitle.
 */
public final class LearningCurvePlot {
  /** PNG width in pixels. */
  public static final int WIDTH = 720;
  /** PNG height in pixels. */
  public static final int HEIGHT = 460;

  /**
   * Colours (Okabe &amp; Ito's colour-blind-safe palette): configuration i gets entry i + 1 in the curve and
   * the marginal figures alike; black (entry 0) is the marginal figure's ground truth (grey added to the eight
   * Okabe-Ito colours so that eight configurations never repeat one).
   */
  static final Color[] PALETTE = {
    new Color(0x22, 0x22, 0x22), new Color(0xE6, 0x9F, 0x00), new Color(0x56, 0xB4, 0xE9),
    new Color(0x00, 0x9E, 0x73), new Color(0xD5, 0x5E, 0x00), new Color(0x00, 0x72, 0xB2),
    new Color(0xCC, 0x79, 0xA7), new Color(0xF0, 0xE4, 0x42), new Color(0x99, 0x99, 0x99)
  };

  /** The colour of configuration {@code i} (0-based) in every figure: palette entries 1.., never black. */
  static Color configColour(int i) {
    return PALETTE[1 + i % (PALETTE.length - 1)];
  }

  private LearningCurvePlot() {}

  /** Log-axis tick labels as plain numbers with three significant digits (not 10^x). */
  private static final class Significant extends java.text.NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
      double a = Math.abs(v);
      String s = a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(java.util.Locale.ROOT, "%.2e", v)
          : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
      return to.append(s);
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
      return format((double) v, to, pos);
    }

    @Override
    public Number parse(String source, java.text.ParsePosition pos) {
      return null;
    }
  }

  /** Writes every figure as {@code dir/<stem>.png} and {@code .svg} (atomically); returns the PNG paths. */
  public static List<Path> writeAll(AtomicFiles files, List<LearningCurveData> figures, Path dir) {
    List<Path> pngs = new ArrayList<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    for (LearningCurveData d : figures) {
      Path png = dir.resolve(d.stem() + ".png");
      Path svg = dir.resolve(d.stem() + ".svg");
      files.writeAll(List.of(png, svg), t -> PaperStyle.save(chart(d), t.get(0), t.get(1), WIDTH, HEIGHT));
      pngs.add(png);
    }
    return pngs;
  }

  /** The chart of {@code d}: series keys are the {@linkplain LearningCurveData#legend legend texts}. */
  public static JFreeChart chart(LearningCurveData d) {
    YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
    for (LearningCurveData.Series s : d.series()) {
      YIntervalSeries ys = new YIntervalSeries(LearningCurveData.legend(s), false, true);
      for (int i = 0; i < s.x().length; i++) {
        ys.add(s.x()[i], s.median()[i], s.q1()[i], s.q3()[i]);
      }
      ds.addSeries(ys);
    }
    NumberAxis x = new NumberAxis(d.axis().label());
    x.setAutoRangeIncludesZero(false);
    if (d.axis() == LearningCurveData.Axis.STEPS) {
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    ValueAxis y;
    if (d.logY()) {
      LogAxis log = new LogAxis(d.yLabel());
      log.setSmallestValue(1e-300);
      log.setNumberFormatOverride(new Significant());
      double lo = d.series().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.q1())).min().orElse(1);
      double hi = d.series().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.q3())).max().orElse(1);
      if (Math.log10(hi / lo) >= 1.5) { // one tick per power of ten once the data span decades
        log.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
      }
      y = log;
    } else {
      NumberAxis lin = new NumberAxis(d.yLabel());
      lin.setAutoRangeIncludesZero(false);
      y = lin;
    }
    PaperStyle.axes(x, y);
    DeviationRenderer r = new DeviationRenderer(true, true);
    for (int i = 0; i < d.series().size(); i++) {
      Color c = configColour(i);
      r.setSeriesPaint(i, c);
      r.setSeriesFillPaint(i, c);
      r.setSeriesStroke(i, new BasicStroke(1.6f));
      r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
    }
    r.setAlpha(0.18f);
    XYPlot plot = new XYPlot(ds, x, y, r);
    PaperStyle.plot(plot);
    return PaperStyle.chart(d.title(), d.caption(), plot, true);
  }
}
