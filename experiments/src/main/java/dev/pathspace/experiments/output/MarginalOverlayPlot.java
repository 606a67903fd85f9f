package dev.pathspace.experiments.output;

import dev.pathspace.experiments.storage.AtomicFiles;
import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Renders a {@link MarginalOverlayData}: one panel per coordinate side by side (shared density axis), each
 * configuration's histogram as a coloured step line (the {@link LearningCurvePlot#PALETTE} colours) and the
 * ground truth as a thick black line; the legend names every configuration once.
 */
public final class MarginalOverlayPlot {
  /** PNG height in pixels. */
  public static final int HEIGHT = 420;

  private MarginalOverlayPlot() {}

  /** PNG width for {@code panels} panels. */
  static int width(int panels) {
    return panels == 1 ? 620 : 980;
  }

  /** Writes every figure as {@code dir/<stem>.png} and {@code .svg} (atomically); returns the PNG paths. */
  public static List<Path> writeAll(AtomicFiles files, List<MarginalOverlayData> figures, Path dir) {
    List<Path> pngs = new ArrayList<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    for (MarginalOverlayData d : figures) {
      Path png = dir.resolve(d.stem() + ".png");
      Path svg = dir.resolve(d.stem() + ".svg");
      files.writeAll(List.of(png, svg),
          t -> PaperStyle.save(chart(d), t.get(0), t.get(1), width(d.panels().size()), HEIGHT));
      pngs.add(png);
    }
    return pngs;
  }

  /**
   * The chart of {@code d}: one subplot per panel; in each, dataset 0 holds the configurations (series
   * keys = {@linkplain MarginalOverlayData#legend legend texts}) and dataset 1 the ground truth.
   */
  public static JFreeChart chart(MarginalOverlayData d) {
    NumberAxis y = new NumberAxis("density");
    y.setAutoRangeIncludesZero(true);
    PaperStyle.axes(y);
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(y);
    combined.setGap(14);
    for (MarginalOverlayData.Panel p : d.panels()) {
      NumberAxis x = new NumberAxis("x" + (char) ('\u2080' + p.coordinate()));
      PaperStyle.range(x, p.lo(), p.hi(), 5);
      PaperStyle.axes(x);
      DefaultXYDataset models = new DefaultXYDataset();
      XYLineAndShapeRenderer mr = new XYLineAndShapeRenderer(true, false);
      for (int c = 0; c < p.configs().size(); c++) {
        MarginalOverlayData.Series s = p.configs().get(c);
        models.addSeries(MarginalOverlayData.legend(s), MarginalPlot.steps(p.lo(), p.hi(), s.density()));
        mr.setSeriesPaint(c, LearningCurvePlot.configColour(c));
        mr.setSeriesStroke(c, new BasicStroke(1.3f));
        mr.setSeriesVisibleInLegend(c, p.coordinate() == 0);
      }
      XYPlot plot = new XYPlot(models, x, null, mr);
      PaperStyle.plot(plot);
      if (p.truth() != null) {
        DefaultXYDataset truth = new DefaultXYDataset();
        truth.addSeries(d.truthLabel(), p.truth());
        XYLineAndShapeRenderer tr = new XYLineAndShapeRenderer(true, false);
        tr.setSeriesPaint(0, PaperStyle.INK);
        tr.setSeriesStroke(0, new BasicStroke(2.2f));
        tr.setSeriesVisibleInLegend(0, p.coordinate() == 0);
        plot.setDataset(1, truth);
        plot.setRenderer(1, tr);
      }
      combined.add(plot);
    }
    PaperStyle.plot(combined);
    combined.setOutlineVisible(false);
    return PaperStyle.chart("marginals on " + d.target(), d.caption(), combined, true);
  }
}
