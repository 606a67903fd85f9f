package dev.pathspace.experiments.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of one learning-curve figure of {@code collect} (issue 15), separate from its rendering: one
 * metric of the runs' {@code curves.csv} ({@link RunCurves}) on one target against training steps or
 * elapsed seconds, one series per configuration. The seeds of a configuration are aligned on the step: at
 * each step where at least one seed has a finite value, the line is the median over those seeds and the
 * band their inter-quartile range (25 % and 75 % quantiles, linear interpolation between order statistics:
 * NumPy's default, Hyndman &amp; Fan 1996 type 7); against seconds the point's x is the median elapsed time of
 * those seeds at that step. Missing values (blank/NaN) are skipped; infinite ones are skipped and counted.
 *
 * @param metric the curve column (e.g. {@code log_z_error})
 * @param target the target label ({@link FigureNames#targetLabel})
 * @param axis what the x axis is
 * @param series one per configuration of the target that has the metric, in table order
 * @param logY whether the y axis is logarithmic (smaller-is-better metrics whose drawn values are all &gt; 0)
 * @param nonFinite the number of infinite values skipped
 */
public record LearningCurveData(
    String metric, String target, Axis axis, List<Series> series, boolean logY, int nonFinite) {
  /** The statistic, as stated in the figure caption. */
  public static final String STATISTIC =
      "line = median over seeds, band = inter-quartile range (25–75 %), seeds aligned on the step";

  /** Metric families drawn as curves, in order: log Z error, ESS, Sinkhorn. */
  public static final List<String> FAMILIES = List.of("log_z_error", "ess", "sinkhorn");

  /** The x axis of a learning curve. */
  public enum Axis {
    /** Training steps. */
    STEPS("training step"),
    /** Elapsed wall-clock seconds (median over the seeds at each step). */
    SECONDS("elapsed seconds (median over seeds)");

    private final String label;

    Axis(String label) {
      this.label = label;
    }

    /** The axis title. */
    public String label() {
      return label;
    }
  }

  /**
   * One configuration's curve.
   *
   * @param label the configuration label ({@link FigureNames#configLabel})
   * @param seeds the number of seeds that have a curve
   * @param x per point: the step, or the median elapsed seconds
   * @param median per point: the median over the seeds having a value
   * @param q1 per point: the 25 % quantile
   * @param q3 per point: the 75 % quantile
   * @param n per point: how many seeds have a value
   */
  public record Series(String label, int seeds, double[] x, double[] median, double[] q1, double[] q3, int[] n) {}

  /** The legend text of a series ({@code label (n seeds)}). */
  public static String legend(Series s) {
    return s.label() + " (" + s.seeds() + (s.seeds() == 1 ? " seed)" : " seeds)");
  }

  /**
   * Per metric family of {@link #FAMILIES} and target: the figure against steps, then against seconds;
   * families no run's curve has are skipped, and so are targets none of whose runs has one.
   *
   * @param curves the curves by run directory (runs without a curve are absent)
   */
  public static List<LearningCurveData> of(ResultTable t, Map<Path, RunCurves> curves) {
    List<String> shown = t.shown();
    Map<String, List<ResultTable.Group>> byTarget = new LinkedHashMap<>();
    for (ResultTable.Group g : t.groups()) {
      byTarget.computeIfAbsent(FigureNames.targetLabel(g, shown), x -> new ArrayList<>()).add(g);
    }
    List<LearningCurveData> out = new ArrayList<>();
    for (String family : FAMILIES) {
      for (var e : byTarget.entrySet()) {
        List<RunCurves> present = new ArrayList<>();
        e.getValue().forEach(g -> g.runs().forEach(r -> {
          if (curves.containsKey(r.dir())) {
            present.add(curves.get(r.dir()));
          }
        }));
        String metric = column(family, present);
        if (metric == null) {
          continue;
        }
        for (Axis axis : Axis.values()) {
          List<Series> series = new ArrayList<>();
          int[] nonFinite = {0};
          for (ResultTable.Group g : e.getValue()) {
            List<RunCurves> seeds = g.runs().stream().filter(r -> curves.containsKey(r.dir()))
                .map(r -> curves.get(r.dir())).toList();
            Series s = series(FigureNames.configLabel(g, shown), seeds, metric, axis, nonFinite);
            if (s != null) {
              series.add(s);
            }
          }
          if (!series.isEmpty()) {
            out.add(new LearningCurveData(metric, e.getKey(), axis, series, logY(metric, series), nonFinite[0]));
          }
        }
      }
    }
    return out;
  }

  /**
   * The column of {@code family} in {@code curves}: the family name itself if any curve has it, else the
   * first column (in header order) of the family: for {@code log_z_error} a column starting with
   * {@code log_z} and containing {@code error}, otherwise one starting with the family name.
   */
  static String column(String family, List<RunCurves> curves) {
    if (curves.stream().anyMatch(c -> c.columns().containsKey(family))) {
      return family;
    }
    for (RunCurves c : curves) {
      for (String k : c.columns().keySet()) {
        boolean match = family.equals("log_z_error") ? k.startsWith("log_z") && k.contains("error")
            : k.startsWith(family);
        if (match) {
          return k;
        }
      }
    }
    return null;
  }

  private static Series series(String label, List<RunCurves> seeds, String metric, Axis axis, int[] nonFinite) {
    // step -> (values, elapsed times) of the seeds with a finite value there
    TreeMap<Long, List<double[]>> byStep = new TreeMap<>();
    for (RunCurves c : seeds) {
      double[] v = c.column(metric);
      for (int i = 0; i < v.length; i++) {
        if (Double.isInfinite(v[i])) {
          nonFinite[0]++;
        } else if (!Double.isNaN(v[i])) {
          byStep.computeIfAbsent(c.steps()[i], k -> new ArrayList<>()).add(new double[] {v[i], c.elapsed()[i]});
        }
      }
    }
    if (byStep.isEmpty()) {
      return null;
    }
    int m = byStep.size();
    double[] x = new double[m];
    double[] med = new double[m];
    double[] q1 = new double[m];
    double[] q3 = new double[m];
    int[] n = new int[m];
    int k = 0;
    for (var e : byStep.entrySet()) {
      double[] vs = e.getValue().stream().mapToDouble(p -> p[0]).sorted().toArray();
      double[] ts = e.getValue().stream().mapToDouble(p -> p[1]).sorted().toArray();
      x[k] = axis == Axis.STEPS ? e.getKey() : quantile(ts, 0.5);
      med[k] = quantile(vs, 0.5);
      q1[k] = quantile(vs, 0.25);
      q3[k] = quantile(vs, 0.75);
      n[k] = vs.length;
      k++;
    }
    return new Series(label, seeds.size(), x, med, q1, q3, n);
  }

  /** The {@code p} quantile of sorted {@code a} by linear interpolation between order statistics (type 7). */
  static double quantile(double[] a, double p) {
    double h = (a.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, a.length - 1);
    return a[lo] + (h - lo) * (a[hi] - a[lo]);
  }

  private static boolean logY(String metric, List<Series> series) {
    if (ResultTable.direction(metric) >= 0) {
      return false;
    }
    return series.stream().allMatch(s -> Arrays.stream(s.q1()).allMatch(v -> v > 0)
        && Arrays.stream(s.median()).allMatch(v -> v > 0));
  }

  /** The figure caption: the statistic, and the number of infinite values not drawn if any. */
  public String caption() {
    return STATISTIC + (nonFinite > 0 ? "; " + nonFinite + " infinite value" + (nonFinite == 1 ? "" : "s")
        + " not drawn" : "");
  }

  /** The y axis title: the metric, with "(log scale)" when logarithmic. */
  public String yLabel() {
    return logY ? metric + " (log scale)" : metric;
  }

  /** The figure title: {@code <metric> vs steps|seconds on <target>}. */
  public String title() {
    return metric + " vs " + axis.name().toLowerCase(java.util.Locale.ROOT) + " on " + target;
  }

  /** The file stem ({@link FigureNames#curve}). */
  public String stem() {
    return FigureNames.curve(target, metric, axis.name());
  }
}
