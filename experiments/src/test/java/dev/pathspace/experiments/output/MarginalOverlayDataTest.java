package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Domain;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Target;
import dev.pathspace.experiments.sweep.CollectedRun;
import dev.pathspace.experiments.sweep.ResultTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** Overlaid marginals: pooled histograms per configuration, the ground truth of the rebuilt target, labels. */
class MarginalOverlayDataTest {
  /** 2-D target on [0, 4]² whose "exact samples" are the evenly spaced points 4 (i + ½) / n in both coordinates. */
  private static final class EvenTarget implements Target {
    final List<Long> seeds = new ArrayList<>();

    @Override
    public String id() {
      return "even";
    }

    @Override
    public int dim() {
      return 2;
    }

    @Override
    public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OptionalDouble logZ() {
      return OptionalDouble.empty();
    }

    @Override
    public Optional<GroundTruthSampler> groundTruth() {
      return Optional.of((n, seed) -> {
        seeds.add(seed);
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
          x[i][0] = x[i][1] = 4 * (i + 0.5) / n;
        }
        return x;
      });
    }

    @Override
    public Domain domain() {
      return Domain.cube(2, 0, 4);
    }
  }

  private final List<CollectedRun> runs = new ArrayList<>();
  private final Map<Path, double[][]> samples = new LinkedHashMap<>();

  private void run(String divergence, String target, int seed, double[][] rows) {
    Map<String, String> cfg = new LinkedHashMap<>();
    cfg.put("divergence", divergence);
    cfg.put("target", target);
    cfg.put("seed", Integer.toString(seed));
    Path dir = Path.of("/runs/" + divergence + target + seed);
    runs.add(new CollectedRun(dir, cfg, Map.of("ess", 0.5)));
    if (rows != null) {
      samples.put(dir, rows);
    }
  }

  private List<MarginalOverlayData> figures(Optional<Target> target) {
    run("log-variance", "gmm", 7, new double[][] {{0.5, 1, 0}, {1.5, 1, 0}});
    run("log-variance", "gmm", 8, new double[][] {{2.5, 1, 0}, {3.5, 1, -1}, {Double.NaN, 1, 0}});
    run("reverse-kl", "gmm", 7, new double[][] {{2.1, 3, 0}, {2.1, 3, 0}});
    run("reverse-kl", "gmm", 8, null); // no samples.npy: not pooled
    run("reverse-kl", "funnel", 7, null); // no run of funnel has samples: no figure
    return MarginalOverlayData.of(ResultTable.of(runs), r -> Optional.ofNullable(samples.get(r.dir())),
        r -> target);
  }

  @Test
  void pooledHistogramsPerConfigurationOverTheExactSamplesOfTheTarget() {
    EvenTarget even = new EvenTarget();
    List<MarginalOverlayData> figs = figures(Optional.of(even));
    assertThat(figs).hasSize(1);
    MarginalOverlayData m = figs.get(0);
    assertThat(m.stem()).isEqualTo("marginals_gmm");
    assertThat(m.dim()).isEqualTo(2);
    assertThat(even.seeds).containsExactly(7L); // the first run's seed
    assertThat(m.truthLabel()).isEqualTo("ground truth (20,000 exact samples)");
    assertThat(m.caption()).isEqualTo(MarginalOverlayData.POOLING + "; rows with non-finite coordinates dropped: 1");
    assertThat(m.panels()).extracting(MarginalOverlayData.Panel::coordinate).containsExactly(0, 1);
    MarginalOverlayData.Panel x0 = m.panels().get(0);
    assertThat(x0.lo()).isEqualTo(0);
    assertThat(x0.hi()).isEqualTo(4); // the mass covers the domain: the domain is drawn
    MarginalOverlayData.Series lv = x0.configs().get(0);
    assertThat(lv.label()).isEqualTo("divergence=log-variance");
    assertThat(lv.seeds()).isEqualTo(2);
    assertThat(lv.samples()).isEqualTo(4);
    // 60 bins of width 1/15: 0.5, 1.5, 2.5, 3.5 fall in bins 7, 22, 37, 52; density 1 / (4 · 1/15) = 3.75
    double[] expected = new double[MarginalPlot.BINS];
    for (int b : new int[] {7, 22, 37, 52}) {
      expected[b] = 3.75;
    }
    assertThat(lv.density()).containsExactly(expected, within(1e-9));
    MarginalOverlayData.Series rkl = x0.configs().get(1);
    assertThat(rkl.seeds()).isEqualTo(1);
    assertThat(rkl.density()[31]).isCloseTo(15, within(1e-9)); // 2.1 · 15 = 31.5
    // the truth is uniform on [0, 4]: density 1/4 in every bin (333 or 334 of 20,000 points per bin)
    double[][] truth = x0.truth();
    assertThat(truth[0][0]).isEqualTo(0);
    assertThat(truth[0][truth[0].length - 1]).isEqualTo(4);
    for (int b = 0; b < MarginalPlot.BINS; b++) {
      assertThat(truth[1][2 * b + 1]).isCloseTo(0.25, within(0.001));
    }
    assertThat(m.panels().get(1).configs().get(1).density()[45]).isCloseTo(15, within(1e-9)); // 3 · 15
  }

  @Test
  void withoutARebuiltTargetTheRangeComesFromTheSamplesAndNoTruthIsDrawn() {
    MarginalOverlayData m = figures(Optional.empty()).get(0);
    assertThat(m.truthLabel()).isNull();
    assertThat(m.panels().get(0).truth()).isNull();
    assertThat(m.caption()).contains("no ground truth (the target could not be rebuilt from config.yaml)");
    assertThat(m.panels().get(0).lo()).isEqualTo(0.5);
    assertThat(m.panels().get(0).hi()).isEqualTo(3.5);
  }

  @Test
  void noSamplesNoFigure() {
    run("reverse-kl", "gmm", 1, null);
    assertThat(MarginalOverlayData.of(ResultTable.of(runs), r -> Optional.empty(), r -> Optional.empty())).isEmpty();
  }

  @Test
  void theChartHasOnePanelPerCoordinateAndEachLegendEntryOnce() {
    MarginalOverlayData m = figures(Optional.of(new EvenTarget())).get(0);
    JFreeChart chart = MarginalOverlayPlot.chart(m);
    assertThat(chart.getTitle().getText()).isEqualTo("marginals on target=gmm");
    assertThat(((TextTitle) chart.getSubtitle(1)).getText()).startsWith("histograms of the model samples, all seeds pooled");
    CombinedRangeXYPlot plot = (CombinedRangeXYPlot) chart.getXYPlot();
    assertThat(plot.getSubplots()).hasSize(2);
    assertThat(plot.getRangeAxis().getLabel()).isEqualTo("density");
    assertThat(plot.getSubplots().get(1).getDomainAxis().getLabel()).isEqualTo("x\u2081");
    LegendItemCollection legend = plot.getLegendItems();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < legend.getItemCount(); i++) {
      labels.add(legend.get(i).getLabel());
    }
    assertThat(labels).containsExactlyInAnyOrder("divergence=log-variance (2 seeds)", "divergence=reverse-kl (1 seed)",
        "ground truth (20,000 exact samples)");
    XYDataset truth = plot.getSubplots().get(0).getDataset(1);
    assertThat(truth.getSeriesKey(0)).isEqualTo("ground truth (20,000 exact samples)");
    // configuration i has the colour of line i of the learning-curve figure (entry i + 1; black is the truth)
    var renderer = plot.getSubplots().get(0).getRenderer(0);
    assertThat(renderer.getSeriesPaint(0)).isEqualTo(LearningCurvePlot.PALETTE[1]);
    assertThat(renderer.getSeriesPaint(1)).isEqualTo(LearningCurvePlot.PALETTE[2]);
    assertThat(LearningCurvePlot.configColour(7)).isNotEqualTo(LearningCurvePlot.PALETTE[0]); // 8 configurations
    assertThat(LearningCurvePlot.configColour(8)).isEqualTo(LearningCurvePlot.configColour(0)); // then it cycles
  }
}
