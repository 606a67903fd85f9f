package dev.pathspace.experiments.output;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Target;
import dev.pathspace.experiments.sweep.CollectedRun;
import dev.pathspace.experiments.sweep.FigureNames;
import dev.pathspace.experiments.sweep.ResultTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The data of one overlaid-marginals figure of {@code collect} (issue 15), separate from its rendering:
 * for one target and each of its first {@value #PANELS} coordinates, the density histogram
 * ({@value MarginalPlot#BINS} bins, {@link MarginalPlot#histogram}) of every configuration's model samples
 * (the runs' {@code samples.npy}, pooled over seeds, unweighted; rows with a non-finite coordinate are
 * dropped and counted) overlaid on the ground truth the run's own {@code marginals.png} uses: the exact
 * normalised density for d = 1, a histogram of {@value MarginalPlot#REFERENCE_SAMPLES} exact samples for
 * d &gt; 1 (the target's ground-truth sampler, seeded with the first run's seed), or none when the target
 * cannot be rebuilt or has no exact sampler.
 *
 * @param target the target label ({@link FigureNames#targetLabel})
 * @param dim the sample dimension d
 * @param panels one per drawn coordinate
 * @param truthLabel the legend text of the ground truth, or null when there is none
 * @param caption what is drawn (pooling, dropped rows, missing ground truth)
 */
public record MarginalOverlayData(String target, int dim, List<Panel> panels, String truthLabel, String caption) {
  /** Coordinates drawn at most. */
  public static final int PANELS = 2;
  /** How the seeds of a configuration are combined, as stated in the caption. */
  public static final String POOLING = "histograms of the model samples, all seeds pooled, unweighted";

  /**
   * One coordinate.
   *
   * @param coordinate the coordinate index j
   * @param lo left end of the histogram range
   * @param hi right end
   * @param configs one histogram per configuration
   * @param truth the ground truth as a polyline {@code {xs, ys}} (density), or null
   */
  public record Panel(int coordinate, double lo, double hi, List<Series> configs, double[][] truth) {}

  /**
   * One configuration's histogram.
   *
   * @param label the configuration label ({@link FigureNames#configLabel})
   * @param seeds how many seeds' samples were pooled
   * @param samples how many samples (rows with finite coordinates) were pooled
   * @param density the density-normalised histogram, {@value MarginalPlot#BINS} bins over [lo, hi]
   */
  public record Series(String label, int seeds, int samples, double[] density) {}

  /**
   * One configuration's input.
   *
   * @param label the configuration label
   * @param seeds each seed's {@code samples.npy} rows {@code [n][d+1]} (last column the log weight)
   */
  public record Config(String label, List<double[][]> seeds) {}

  /** The legend text of a series ({@code label (k seeds)}). */
  public static String legend(Series s) {
    return s.label() + " (" + s.seeds() + (s.seeds() == 1 ? " seed)" : " seeds)");
  }

  /** The file stem ({@link FigureNames#marginals}). */
  public String stem() {
    return FigureNames.marginals(target);
  }

  /**
   * One figure per target of {@code t} whose runs have samples (others are skipped).
   *
   * @param samples a run's {@code samples.npy} rows, empty when it has none
   * @param targets the target of a run rebuilt from its configuration, empty when that is not possible
   */
  public static List<MarginalOverlayData> of(ResultTable t, Function<CollectedRun, Optional<double[][]>> samples,
      Function<CollectedRun, Optional<Target>> targets) {
    List<String> shown = t.shown();
    Map<String, List<ResultTable.Group>> byTarget = new LinkedHashMap<>();
    for (ResultTable.Group g : t.groups()) {
      byTarget.computeIfAbsent(FigureNames.targetLabel(g, shown), x -> new ArrayList<>()).add(g);
    }
    List<MarginalOverlayData> out = new ArrayList<>();
    for (var e : byTarget.entrySet()) {
      List<Config> configs = new ArrayList<>();
      CollectedRun first = null;
      for (ResultTable.Group g : e.getValue()) {
        List<double[][]> seeds = new ArrayList<>();
        for (CollectedRun r : g.runs()) {
          Optional<double[][]> s = samples.apply(r);
          if (s.isPresent()) {
            seeds.add(s.get());
            first = first == null ? r : first;
          }
        }
        if (!seeds.isEmpty()) {
          configs.add(new Config(FigureNames.configLabel(g, shown), seeds));
        }
      }
      if (first != null) {
        out.add(of(e.getKey(), configs, targets.apply(first), seed(first)));
      }
    }
    return out;
  }

  private static long seed(CollectedRun r) {
    try {
      return Long.parseLong(r.seed());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The figure of one target.
   *
   * @param configs the configurations with samples (at least one)
   * @param target the rebuilt target (empty: no ground truth, ranges from the samples)
   * @param seed the seed of the exact samples (d &gt; 1)
   * @throws ConfigException when the sample files do not all have the same dimension
   */
  public static MarginalOverlayData of(String targetLabel, List<Config> configs, Optional<Target> target, long seed) {
    int d = configs.stream().flatMap(c -> c.seeds().stream()).filter(s -> s.length > 0).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no samples for " + targetLabel))[0].length - 1;
    for (Config c : configs) {
      for (double[][] s : c.seeds()) {
        if (s.length > 0 && s[0].length - 1 != d) {
          throw new ConfigException("samples.npy of " + targetLabel + " (" + c.label() + ") has dimension "
              + (s[0].length - 1) + ", another run of the same target has " + d);
        }
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add(POOLING);
    Target tgt = target.filter(x -> x.dim() == d).orElse(null);
    if (target.isPresent() && tgt == null) {
      notes.add("no ground truth (the target has dimension " + target.get().dim() + ", the samples " + d + ")");
    }
    Optional<GroundTruthSampler> gt = tgt == null ? Optional.empty() : tgt.groundTruth();
    double[][] ref = d > 1 && gt.isPresent() ? gt.get().sample(MarginalPlot.REFERENCE_SAMPLES, seed) : null;
    boolean truth = tgt != null && (d == 1 || ref != null);
    if (!truth && (tgt != null || target.isEmpty())) {
      notes.add(tgt == null ? "no ground truth (the target could not be rebuilt from config.yaml)"
          : "no ground truth (the target has no exact sampler)");
    }
    int dropped = 0;
    List<double[][]> pooled = new ArrayList<>(); // per config: [d][finite rows]
    for (Config c : configs) {
      List<double[]> rows = new ArrayList<>();
      for (double[][] s : c.seeds()) {
        for (double[] row : s) {
          boolean ok = true;
          for (int j = 0; j < d; j++) {
            ok &= Double.isFinite(row[j]);
          }
          if (ok) {
            rows.add(row);
          } else {
            dropped++;
          }
        }
      }
      double[][] cols = new double[d][rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < d; j++) {
          cols[j][i] = rows.get(i)[j];
        }
      }
      pooled.add(cols);
    }
    if (dropped > 0) {
      notes.add(String.format(Locale.ROOT, "rows with non-finite coordinates dropped: %,d", dropped));
    }
    List<Panel> panels = new ArrayList<>();
    for (int j = 0; j < Math.min(d, PANELS); j++) {
      double lo;
      double hi;
      List<double[]> masses = new ArrayList<>();
      for (double[][] cols : pooled) {
        masses.add(MarginalPlot.quantiles(cols[j], 1e-3));
      }
      double[][] exact = null;
      if (tgt != null) {
        lo = tgt.domain().lower()[j];
        hi = tgt.domain().upper()[j];
        if (ref != null) {
          masses.add(MarginalPlot.quantiles(column(ref, j), 1e-3));
        }
      } else {
        lo = Double.POSITIVE_INFINITY;
        hi = Double.NEGATIVE_INFINITY;
        for (double[] m : masses) {
          if (m != null) {
            lo = Math.min(lo, m[0]);
            hi = Math.max(hi, m[1]);
          }
        }
        if (!(hi > lo)) {
          lo = Double.isFinite(lo) ? lo - 0.5 : -0.5;
          hi = lo + 1;
        }
      }
      double[] r = MarginalPlot.range(lo, hi, masses.toArray(double[][]::new));
      if (truth && d == 1) {
        double[] xs = new double[400];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = r[0] + (r[1] - r[0]) * i / (xs.length - 1);
        }
        exact = new double[][] {xs, SamplePlot.normalise(xs, DensityGrid.curve1d(tgt, xs))};
      } else if (truth) {
        exact = MarginalPlot.steps(r[0], r[1], MarginalPlot.histogram(column(ref, j), null, r[0], r[1]));
      }
      List<Series> series = new ArrayList<>();
      for (int c = 0; c < configs.size(); c++) {
        double[] xs = pooled.get(c)[j];
        series.add(new Series(configs.get(c).label(), configs.get(c).seeds().size(), xs.length,
            MarginalPlot.histogram(xs, null, r[0], r[1])));
      }
      panels.add(new Panel(j, r[0], r[1], series, exact));
    }
    String truthLabel = !truth ? null : d == 1 ? "ground truth (exact density)"
        : String.format(Locale.ROOT, "ground truth (%,d exact samples)", MarginalPlot.REFERENCE_SAMPLES);
    return new MarginalOverlayData(targetLabel, d, panels, truthLabel, String.join("; ", notes));
  }

  private static double[] column(double[][] rows, int j) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][j];
    }
    return out;
  }
}
