package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.experiments.output.LearningCurvePlot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * Learning-curve figure data: per metric and target, seeds aligned on the step, median and inter-quartile
 * band (linear interpolation) checked by hand for three seeds, seconds as the median elapsed time.
 */
class LearningCurveDataTest {
  private final List<CollectedRun> runs = new ArrayList<>();
  private final Map<Path, RunCurves> curves = new LinkedHashMap<>();

  private void run(String divergence, String target, int seed, String... csv) {
    Map<String, String> cfg = new LinkedHashMap<>();
    cfg.put("sampler", "dis");
    cfg.put("divergence", divergence);
    cfg.put("target", target);
    cfg.put("seed", Integer.toString(seed));
    Path dir = Path.of("/runs/" + divergence + target + seed);
    runs.add(new CollectedRun(dir, cfg, Map.of("log_z_error", 1.0)));
    if (csv.length > 0) {
      curves.put(dir, RunCurves.parse(dir.resolve("curves.csv"), List.of(csv)));
    }
  }

  private List<LearningCurveData> figures() {
    run("log-variance", "gmm", 1, "step,elapsed_s,loss,log_z_error,ess", "0,0,9,4,0.1", "100,1,8,1,0.3",
        "200,2,7,0.5,0.5");
    run("log-variance", "gmm", 2, "step,elapsed_s,loss,log_z_error,ess", "0,0,9,2,0.2", "100,3,8,2,",
        "200,6,7,0.25,0.7");
    run("log-variance", "gmm", 3, "step,elapsed_s,loss,log_z_error,ess", "0,0,9,8,0.3", "100,2,8,4,0.5",
        "200,4,7,1,0.6");
    run("reverse-kl", "gmm", 1, "step,elapsed_s,log_z_error", "0,0,3", "150,5,Infinity");
    run("reverse-kl", "gmm", 2); // no curves.csv: counted in the table, absent from the curve
    run("reverse-kl", "funnel", 1); // no run on funnel has a curve: no funnel figure
    return LearningCurveData.of(ResultTable.of(runs), curves);
  }

  @Test
  void oneFigurePerMetricTargetAndAxisSkippingMetricsNoCurveHas() {
    List<LearningCurveData> figs = figures();
    assertThat(figs).extracting(LearningCurveData::stem).containsExactly(
        "curve_gmm_log_z_error_steps", "curve_gmm_log_z_error_seconds", "curve_gmm_ess_steps",
        "curve_gmm_ess_seconds");
    assertThat(figs).extracting(LearningCurveData::target).containsOnly("target=gmm");
  }

  @Test
  void medianAndQuartilesOverSeedsAlignedOnTheStep() {
    LearningCurveData steps = figures().get(0);
    assertThat(steps.axis()).isEqualTo(LearningCurveData.Axis.STEPS);
    LearningCurveData.Series lv = steps.series().get(0);
    assertThat(lv.label()).isEqualTo("divergence=log-variance");
    assertThat(lv.seeds()).isEqualTo(3);
    assertThat(lv.x()).containsExactly(0, 100, 200);
    // step 0: {2, 4, 8}: median 4, q1 = 2 + 0.5·(4 − 2) = 3, q3 = 4 + 0.5·(8 − 4) = 6
    // step 100: {1, 2, 4} -> 2, 1.5, 3; step 200: {0.25, 0.5, 1} -> 0.5, 0.375, 0.75
    assertThat(lv.median()).containsExactly(4, 2, 0.5);
    assertThat(lv.q1()).containsExactly(3, 1.5, 0.375);
    assertThat(lv.q3()).containsExactly(6, 3, 0.75);
    assertThat(lv.n()).containsExactly(3, 3, 3);
    LearningCurveData.Series rkl = steps.series().get(1);
    assertThat(rkl.seeds()).isEqualTo(1);
    assertThat(rkl.x()).containsExactly(0); // the infinite value at step 150 is not drawn but counted
    assertThat(rkl.median()).containsExactly(3);
    assertThat(rkl.q1()).containsExactly(3);
    assertThat(steps.nonFinite()).isEqualTo(1);
    assertThat(steps.caption()).isEqualTo(LearningCurveData.STATISTIC + "; 1 infinite value not drawn");
    assertThat(steps.logY()).isTrue();
  }

  @Test
  void secondsAreTheMedianElapsedTimeOfTheSeedsWithAValue() {
    List<LearningCurveData> figs = figures();
    LearningCurveData.Series lv = figs.get(1).series().get(0);
    assertThat(figs.get(1).axis()).isEqualTo(LearningCurveData.Axis.SECONDS);
    assertThat(lv.x()).containsExactly(0, 2, 4); // medians of {0,0,0}, {1,3,2}, {2,6,4}
    assertThat(lv.median()).containsExactly(4, 2, 0.5);
    LearningCurveData.Series ess = figs.get(3).series().get(0);
    // step 100: seed 2's ESS is blank: {0.3, 0.5} at elapsed {1, 2}
    assertThat(ess.x()[1]).isEqualTo(1.5);
    assertThat(ess.n()).containsExactly(3, 2, 3);
    assertThat(ess.median()[1]).isCloseTo(0.4, within(1e-12));
    assertThat(ess.q1()[1]).isCloseTo(0.35, within(1e-12));
    assertThat(ess.q3()[1]).isCloseTo(0.45, within(1e-12));
    assertThat(figs.get(3).series()).hasSize(1); // reverse-kl has no ESS column
    assertThat(figs.get(3).logY()).isFalse(); // larger is better: linear axis
  }

  @Test
  void anErrorWithANonPositiveValueIsDrawnOnALinearAxisAndAnotherErrorColumnIsUsed() {
    run("log-variance", "gmm", 1, "step,elapsed_s,log_z_rel_error", "0,0,0.5", "10,1,0");
    List<LearningCurveData> figs = LearningCurveData.of(ResultTable.of(runs), curves);
    assertThat(figs).extracting(LearningCurveData::metric).containsExactly("log_z_rel_error", "log_z_rel_error");
    assertThat(figs.get(0).logY()).isFalse();
    assertThat(figs.get(0).yLabel()).isEqualTo("log_z_rel_error");
  }

  @Test
  void theChartCarriesTheTitlesLegendAndBandsOfTheData() {
    List<LearningCurveData> figs = figures();
    LearningCurveData steps = figs.get(0);
    JFreeChart chart = LearningCurvePlot.chart(steps);
    assertThat(chart.getTitle().getText()).isEqualTo("log_z_error vs steps on target=gmm");
    assertThat(((TextTitle) chart.getSubtitle(1)).getText())
        .startsWith("line = median over seeds, band = inter-quartile range (25–75 %)");
    var plot = chart.getXYPlot();
    assertThat(plot.getDomainAxis()).isInstanceOf(NumberAxis.class);
    assertThat(plot.getDomainAxis().getLabel()).isEqualTo("training step");
    assertThat(plot.getRangeAxis()).isInstanceOf(LogAxis.class);
    assertThat(plot.getRangeAxis().getLabel()).isEqualTo("log_z_error (log scale)");
    LegendItemCollection legend = plot.getLegendItems();
    assertThat(List.of(legend.get(0).getLabel(), legend.get(1).getLabel()))
        .containsExactly("divergence=log-variance (3 seeds)", "divergence=reverse-kl (1 seed)");
    // black is kept for the marginal figure's ground truth: configuration i draws in Okabe-Ito entry i + 1
    assertThat(plot.getRenderer().getSeriesPaint(0)).isEqualTo(new java.awt.Color(0xE6, 0x9F, 0x00));
    YIntervalSeriesCollection ds = (YIntervalSeriesCollection) plot.getDataset();
    assertThat(ds.getXValue(0, 1)).isEqualTo(100);
    assertThat(ds.getYValue(0, 1)).isEqualTo(2);
    assertThat(ds.getStartYValue(0, 1)).isEqualTo(1.5);
    assertThat(ds.getEndYValue(0, 1)).isEqualTo(3);
    LearningCurveData seconds = figs.get(1);
    assertThat(LearningCurvePlot.chart(seconds).getXYPlot().getDomainAxis().getLabel())
        .isEqualTo("elapsed seconds (median over seeds)");
  }
}
