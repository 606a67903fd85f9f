package dev.pathspace.experiments.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/** A sober, paper-figure look for JFreeChart plots (white, no grid, thin black frame) and file export. */
final class PaperStyle {
  static final Font TITLE = new Font("DejaVu Sans", Font.PLAIN, 15);
  static final Font SUBTITLE = new Font("DejaVu Sans", Font.PLAIN, 12);
  static final Font LABEL = new Font("DejaVu Sans", Font.PLAIN, 13);
  static final Font TICK = new Font("DejaVu Sans", Font.PLAIN, 11);
  static final Color INK = new Color(0x22, 0x22, 0x22);

  private PaperStyle() {}

  static void axes(ValueAxis... axes) {
    for (ValueAxis a : axes) {
      a.setLabelFont(LABEL);
      a.setTickLabelFont(TICK);
      a.setLabelPaint(INK);
      a.setTickLabelPaint(INK);
      a.setAxisLinePaint(INK);
      a.setTickMarkPaint(INK);
      a.setTickMarkInsideLength(3f);
      a.setTickMarkOutsideLength(0f);
      a.setAxisLineVisible(false);
    }
  }

  static void plot(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlinePaint(INK);
    plot.setOutlineStroke(new BasicStroke(0.8f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setInsets(new RectangleInsets(6, 6, 6, 14));
  }

  static JFreeChart chart(String title, String subtitle, XYPlot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.getRenderingHints()
        .put(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    chart.getTitle().setPaint(INK);
    if (subtitle != null && !subtitle.isBlank()) {
      TextTitle sub = new TextTitle(subtitle, SUBTITLE);
      sub.setPaint(new Color(0x55, 0x55, 0x55));
      chart.addSubtitle(sub);
    }
    LegendTitle l = chart.getLegend();
    if (l != null) {
      l.setItemFont(TICK);
      l.setFrame(org.jfree.chart.block.BlockBorder.NONE);
      l.setPosition(RectangleEdge.BOTTOM);
    }
    chart.setPadding(new RectangleInsets(6, 6, 6, 6));
    return chart;
  }

  /** Sets a fixed range with about {@code ticks} "nice" (1, 2, 5 × 10^k) tick intervals. */
  static void range(org.jfree.chart.axis.NumberAxis a, double lo, double hi, int ticks) {
    a.setAutoRange(false);
    a.setRange(lo, hi);
    double raw = (hi - lo) / ticks;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / mag;
    double step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(step));
  }

  private static String twoDecimals(double v) {
    long r = Math.round(v * 100);
    if (r % 100 == 0) {
      return Long.toString(r / 100);
    }
    return java.math.BigDecimal.valueOf(r, 2).stripTrailingZeros().toPlainString();
  }

  /** Writes {@code chart} as PNG (w × h pixels) and, when {@code svg} is non-null, as SVG. */
  static void save(JFreeChart chart, Path png, Path svg, int w, int h) {
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart, w, h);
      if (svg != null) {
        SVGGraphics2D g2 = new SVGGraphics2D(w, h);
        g2.setGeomDoubleConverter(PaperStyle::twoDecimals);
        chart.draw(g2, new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
        SVGUtils.writeToSVG(svg.toFile(), g2.getSVGElement());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }
}
