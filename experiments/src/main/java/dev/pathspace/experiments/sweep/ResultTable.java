package dev.pathspace.experiments.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs grouped by configuration: all resolved config entries except {@code seed} identify a group; the
 * entries that take different values among the runs that have them ("varying keys"; a component
 * parameter absent because another component type was chosen does not count) become the leading columns. Each numeric metric is
 * reported as the mean ± standard error (sample standard deviation / √n) over the group's runs (seeds).
 * The best group mean per column is marked (lowest for errors, times, Sinkhorn/MMD; highest for ESS and
 * mode coverage), compared only among groups with the same target configuration.
 */
public final class ResultTable {
  /** Metrics shown in the Markdown/HTML tables when present (CSV has every metric). */
  public static final List<String> HEADLINE = List.of(
      "log_z_error", "log_z_is", "ess", "sinkhorn", "mmd", "mean_error", "emc", "train_seconds");

  /** One configuration with its runs and statistics. */
  public record Group(Map<String, String> config, List<CollectedRun> runs, Map<String, Stat> stats) {}

  /**
   * Mean ± standard error of one metric over n runs (se NaN when n < 2) and the median over the runs (the
   * statistic of the tables of Berner, Richter &amp; Ullrich, TMLR 2024, and Richter &amp; Berner, ICLR 2024:
   * the middle value for odd n, the mean of the two middle values for even n; NaN when any value is NaN).
   */
  public record Stat(int n, double mean, double se, double median) {}

  private final List<String> varying;
  private final List<String> metrics;
  private final List<Group> groups;
  private final List<String> notCounted;

  private ResultTable(List<String> varying, List<String> metrics, List<Group> groups, List<String> notCounted) {
    this.varying = varying;
    this.metrics = metrics;
    this.groups = groups;
    this.notCounted = notCounted;
  }

  /** Groups the counted runs of {@code scan} and keeps its list of runs not counted for the report. */
  public static ResultTable of(Scan scan) {
    ResultTable t = of(scan.runs());
    return new ResultTable(t.varying, t.metrics, t.groups, List.copyOf(scan.notCounted()));
  }

  /** Runs found but not counted, each with the reason (duplicates, unreadable, incomplete). */
  public List<String> notCounted() {
    return notCounted;
  }

  /**
   * The runs found under some roots: those counted (complete, readable, one per fingerprint) and those
   * not counted, each with the reason (unreadable, not complete, or a duplicate of a counted run: the same
   * configuration and seed).
   */
  public record Scan(List<CollectedRun> runs, List<String> notCounted) {}

  /** Every complete, readable run under {@code roots} (see {@link #scan}), sorted by path. */
  public static List<CollectedRun> find(List<Path> roots) {
    return scan(roots).runs();
  }

  /**
   * Reads every run directory (a directory holding {@code summary.json}) under {@code roots}, sorted by
   * path; a run with the fingerprint of an earlier one is a duplicate and is not counted.
   */
  public static Scan scan(List<Path> roots) {
    List<CollectedRun> runs = new ArrayList<>();
    List<String> notCounted = new ArrayList<>();
    Map<String, Path> seen = new LinkedHashMap<>();
    for (Path dir : runDirectories(roots)) {
      try {
        CollectedRun r = CollectedRun.read(dir);
        Path first = seen.putIfAbsent(r.fingerprint(), dir);
        if (first != null) {
          notCounted.add(dir + ": duplicate of " + first + " (same configuration and seed"
              + (r.fingerprint().length() == 16 ? ", fingerprint " + r.fingerprint() : "") + ")");
        } else {
          runs.add(r);
        }
      } catch (CollectedRun.Unreadable e) {
        notCounted.add(dir + ": " + e.getMessage());
      }
    }
    return new Scan(runs, notCounted);
  }

  private static List<Path> runDirectories(List<Path> roots) {
    Set<Path> dirs = new TreeSet<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new dev.pathspace.api.ConfigException("No such run directory '" + root + "'");
      }
      try (Stream<Path> s = Files.walk(root)) {
        s.filter(p -> p.getFileName().toString().equals("summary.json") && Files.isRegularFile(p))
            .forEach(p -> dirs.add(p.getParent().toAbsolutePath().normalize()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(dirs);
  }

  /** Groups {@code runs} (in their order of first appearance). */
  public static ResultTable of(List<CollectedRun> runs) {
    Set<String> keys = new LinkedHashSet<>();
    runs.forEach(r -> keys.addAll(r.config().keySet()));
    keys.remove("seed");
    List<String> varying = new ArrayList<>();
    for (String k : keys) { // absent keys (parameters of another component type) do not count as varying
      if (runs.stream().filter(r -> r.config().containsKey(k)).map(r -> r.config().get(k)).distinct().count() > 1) {
        varying.add(k);
      }
    }
    Set<String> metricSet = new LinkedHashSet<>();
    runs.forEach(r -> metricSet.addAll(r.metrics().keySet()));
    Map<Map<String, String>, List<CollectedRun>> byConfig = new LinkedHashMap<>();
    for (CollectedRun r : runs) {
      Map<String, String> key = new LinkedHashMap<>();
      for (String k : keys) {
        key.put(k, r.config().getOrDefault(k, ""));
      }
      byConfig.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
    }
    List<Group> groups = new ArrayList<>();
    byConfig.forEach((cfg, rs) -> {
      List<CollectedRun> sorted = new ArrayList<>(rs);
      sorted.sort(Comparator.comparing(CollectedRun::seed, ResultTable::naturalCompare));
      Map<String, Stat> stats = new LinkedHashMap<>();
      for (String m : metricSet) {
        List<Double> vs = sorted.stream().map(r -> r.metrics().get(m)).filter(v -> v != null).toList();
        if (!vs.isEmpty()) {
          stats.put(m, stat(vs));
        }
      }
      groups.add(new Group(cfg, sorted, stats));
    });
    return new ResultTable(varying, new ArrayList<>(metricSet), groups, List.of());
  }

  static Stat stat(List<Double> vs) {
    int n = vs.size();
    double mean = 0;
    for (double v : vs) {
      mean += v;
    }
    mean /= n;
    double median = median(vs);
    if (n < 2) {
      return new Stat(n, mean, Double.NaN, median);
    }
    double ss = 0;
    for (double v : vs) {
      ss += (v - mean) * (v - mean);
    }
    return new Stat(n, mean, Math.sqrt(ss / (n - 1) / n), median);
  }

  private static double median(List<Double> vs) {
    if (vs.stream().anyMatch(v -> Double.isNaN(v))) {
      return Double.NaN;
    }
    double[] a = vs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int h = a.length / 2;
    return a.length % 2 == 1 ? a[h] : (a[h - 1] + a[h]) / 2;
  }

  /** +1 when larger is better, −1 when smaller is better, 0 when neither. */
  public static int direction(String metric) {
    String m = metric.toLowerCase(java.util.Locale.ROOT);
    if (m.equals("ess") || m.equals("ess_count") || m.equals("emc") || m.equals("modes_found")) {
      return 1;
    }
    if (m.contains("error") || m.endsWith("seconds") || m.startsWith("sinkhorn") || m.startsWith("mmd")
        || m.startsWith("n_nonfinite") || m.equals("steps_skipped") || m.equals("log_w_std")) {
      return -1;
    }
    return 0;
  }

  /** Whether group {@code g}'s mean of {@code metric} is the best among groups with the same target. */
  public boolean isBest(Group g, String metric) {
    int dir = direction(metric);
    Stat s = g.stats().get(metric);
    if (dir == 0 || s == null || !Double.isFinite(s.mean()) || groups.size() < 2) {
      return false;
    }
    Map<String, String> target = targetOf(g);
    double best = dir > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    for (Group o : groups) {
      Stat os = o.stats().get(metric);
      if (os != null && Double.isFinite(os.mean()) && targetOf(o).equals(target)) {
        best = dir > 0 ? Math.max(best, os.mean()) : Math.min(best, os.mean());
      }
    }
    return s.mean() == best;
  }

  private static Map<String, String> targetOf(Group g) {
    Map<String, String> t = new LinkedHashMap<>();
    g.config().forEach((k, v) -> {
      if (k.equals("target") || k.startsWith("target.")) {
        t.put(k, v);
      }
    });
    return t;
  }

  /** The config keys that differ between runs (except {@code seed}). */
  public List<String> varying() {
    return varying;
  }

  /** Every metric seen, in first-seen order. */
  public List<String> metrics() {
    return metrics;
  }

  /**
   * The varying keys shown in the Markdown/HTML tables: those not determined by the keys shown before them
   * (e.g. {@code schedule} when it is the sampler's default and {@code sampler} varies). CSV has all.
   */
  public List<String> shown() {
    List<String> kept = new ArrayList<>();
    for (String k : varying) {
      Map<List<String>, Set<String>> valuesByPrefix = new LinkedHashMap<>();
      for (Group g : groups) {
        List<String> prefix = kept.stream().map(x -> g.config().getOrDefault(x, "")).toList();
        valuesByPrefix.computeIfAbsent(prefix, x -> new LinkedHashSet<>()).add(g.config().getOrDefault(k, ""));
      }
      if (valuesByPrefix.values().stream().anyMatch(v -> v.size() > 1)) {
        kept.add(k);
      }
    }
    return kept;
  }

  /** The metrics of {@link #HEADLINE} that occur. */
  public List<String> headline() {
    return HEADLINE.stream().filter(metrics::contains).toList();
  }

  /** The groups in order of first appearance. */
  public List<Group> groups() {
    return groups;
  }

  /** Compares numerically when both are numbers, else as text. */
  static int naturalCompare(String a, String b) {
    try {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
