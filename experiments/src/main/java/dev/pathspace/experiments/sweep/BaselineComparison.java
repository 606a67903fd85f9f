package dev.pathspace.experiments.sweep;

import dev.pathspace.api.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code collect --baseline KEY=VALUE}: every configuration that is identical to a baseline configuration
 * (one with {@code KEY=VALUE}) except for {@code KEY} is compared with it, per headline metric: the
 * difference of the means over seeds (other − baseline), its standard error √(se₁² + se₂²) (the seeds of
 * the two configurations are independent runs), and the 95 % interval difference ± 1.96 se — a normal
 * approximation (with a handful of seeds a Student-t interval would be wider). With fewer than two seeds
 * on either side there is no standard error and the interval is unavailable. (The standard error of a
 * difference of independent means and the normal-based interval: Wasserman, <i>All of Statistics</i>,
 * Springer 2004, ch. 6; described for users in docs/workflow.md §5.)
 *
 * <p>{@code KEY} is a configuration key that differs between the configurations (e.g. {@code divergence},
 * {@code sampler.width}), or a sweep grid key that is not one (an option axis such as {@code loss}, whose
 * labels bundle several config entries): then "identical except for KEY" means the same sweep file, the
 * same other grid entries and the same target.
 */
public final class BaselineComparison {
  /** The 97.5 % quantile of the standard normal distribution (two-sided 95 % interval). */
  public static final double Z95 = 1.959963984540054;

  /**
   * A parsed {@code --baseline} argument.
   *
   * @param key the configuration or grid key
   * @param value its value in the baseline configuration
   */
  public record Spec(String key, String value) {
    /** Parses {@code KEY=VALUE}; a clear error naming {@code --baseline} otherwise. */
    public static Spec parse(String arg) {
      int eq = arg == null ? -1 : arg.indexOf('=');
      if (eq <= 0 || eq == arg.length() - 1 || !arg.substring(0, eq).trim().equals(arg.substring(0, eq))) {
        throw new ConfigException("--baseline '" + arg + "' is malformed: expected KEY=VALUE with a configuration"
            + " or sweep grid key, e.g. --baseline divergence=reverse-kl");
      }
      return new Spec(arg.substring(0, eq), arg.substring(eq + 1));
    }

    @Override
    public String toString() {
      return key + "=" + value;
    }
  }

  /**
   * One comparison of one metric.
   *
   * @param other the configuration compared
   * @param baseline the baseline configuration it differs from only in the key
   * @param metric the headline metric
   * @param otherStat the other configuration's statistics
   * @param baseStat the baseline's statistics
   */
  public record Row(ResultTable.Group other, ResultTable.Group baseline, String metric, ResultTable.Stat otherStat,
      ResultTable.Stat baseStat) {
    /** Other mean − baseline mean. */
    public double difference() {
      return otherStat.mean() - baseStat.mean();
    }

    /** √(se₁² + se₂²), NaN when either side has fewer than two seeds. */
    public double se() {
      return Math.hypot(otherStat.se(), baseStat.se());
    }

    /** Lower end of the 95 % normal-approximation interval (NaN when unavailable). */
    public double lo() {
      return difference() - Z95 * se();
    }

    /** Upper end of the 95 % normal-approximation interval (NaN when unavailable). */
    public double hi() {
      return difference() + Z95 * se();
    }
  }

  private final Spec spec;
  private final boolean configKey;
  private final List<Row> rows;
  private final List<ResultTable.Group> withoutBaseline;

  private BaselineComparison(Spec spec, boolean configKey, List<Row> rows, List<ResultTable.Group> withoutBaseline) {
    this.spec = spec;
    this.configKey = configKey;
    this.rows = List.copyOf(rows);
    this.withoutBaseline = List.copyOf(withoutBaseline);
  }

  /**
   * Validates {@code spec} against the configurations of {@code t} and compares.
   *
   * @param sweep the sweep coordinates of a configuration (those of its first run), or null when it is not
   *     a sweep point
   * @throws ConfigException when the key does not differ between the configurations or no configuration
   *     has the value; the message names {@code --baseline}, the argument and the valid keys and values
   */
  public static BaselineComparison of(ResultTable t, Spec spec, Function<ResultTable.Group, RunProvenance.Sweep> sweep) {
    Map<String, Set<String>> configValues = new LinkedHashMap<>();
    for (String k : t.varying()) {
      configValues.put(k, values(t.groups(), g -> g.config().getOrDefault(k, "")));
    }
    Map<String, Set<String>> gridValues = new LinkedHashMap<>();
    for (ResultTable.Group g : t.groups()) {
      RunProvenance.Sweep s = sweep.apply(g);
      if (s != null) {
        s.grid().keySet().stream().filter(k -> !k.equals("seed") && !configValues.containsKey(k))
            .forEach(k -> gridValues.computeIfAbsent(k, x -> new LinkedHashSet<>()));
      }
    }
    gridValues.replaceAll((k, x) -> values(t.groups(), g -> gridValue(sweep.apply(g), k)));
    gridValues.values().removeIf(vs -> vs.size() < 2);
    boolean configKey = configValues.containsKey(spec.key());
    Set<String> valid = configKey ? configValues.get(spec.key()) : gridValues.get(spec.key());
    if (valid == null) {
      Map<String, Set<String>> all = new LinkedHashMap<>(configValues);
      all.putAll(gridValues);
      throw new ConfigException("--baseline '" + spec + "': '" + spec.key() + "' is not a key that differs between"
          + " the configurations; " + (all.isEmpty() ? "no key differs (" + t.groups().size()
          + " configuration(s)), so there is nothing to compare" : "valid keys (values): " + describe(all)));
    }
    if (!valid.contains(spec.value())) {
      throw new ConfigException("--baseline '" + spec + "': no configuration has " + spec.key() + "="
          + spec.value() + "; " + spec.key() + " takes: " + String.join(", ", valid));
    }
    Function<ResultTable.Group, String> valueOf = configKey
        ? g -> g.config().getOrDefault(spec.key(), "") : g -> gridValue(sweep.apply(g), spec.key());
    List<ResultTable.Group> baselines = t.groups().stream().filter(g -> spec.value().equals(valueOf.apply(g))).toList();
    List<Row> rows = new ArrayList<>();
    List<ResultTable.Group> without = new ArrayList<>();
    for (ResultTable.Group o : t.groups()) {
      String v = valueOf.apply(o);
      if (v == null || v.equals(spec.value())) {
        continue;
      }
      ResultTable.Group b = baselines.stream()
          .filter(x -> configKey ? sameExcept(x.config(), o.config(), spec.key())
              : sameSweepPointExcept(sweep.apply(x), sweep.apply(o), spec.key()) && target(x).equals(target(o)))
          .findFirst().orElse(null);
      if (b == null) {
        without.add(o);
        continue;
      }
      for (String m : t.headline()) {
        ResultTable.Stat so = o.stats().get(m);
        ResultTable.Stat sb = b.stats().get(m);
        if (so != null && sb != null) {
          rows.add(new Row(o, b, m, so, sb));
        }
      }
    }
    return new BaselineComparison(spec, configKey, rows, without);
  }

  private static Set<String> values(List<ResultTable.Group> groups, Function<ResultTable.Group, String> f) {
    Set<String> out = new LinkedHashSet<>();
    for (ResultTable.Group g : groups) {
      String v = f.apply(g);
      if (v != null && !v.isEmpty()) {
        out.add(v);
      }
    }
    return out;
  }

  private static String gridValue(RunProvenance.Sweep s, String key) {
    return s == null ? null : s.grid().get(key);
  }

  private static String describe(Map<String, Set<String>> keys) {
    List<String> parts = new ArrayList<>();
    keys.forEach((k, vs) -> parts.add(k + " (" + String.join(", ", vs) + ")"));
    return String.join("; ", parts);
  }

  private static boolean sameExcept(Map<String, String> a, Map<String, String> b, String key) {
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    keys.remove(key);
    return keys.stream().allMatch(k -> a.getOrDefault(k, "").equals(b.getOrDefault(k, "")));
  }

  private static boolean sameSweepPointExcept(RunProvenance.Sweep a, RunProvenance.Sweep b, String key) {
    if (a == null || b == null || !a.file().equals(b.file())) {
      return false;
    }
    Map<String, String> x = new LinkedHashMap<>(a.grid());
    Map<String, String> y = new LinkedHashMap<>(b.grid());
    for (Map<String, String> m : List.of(x, y)) {
      m.remove(key);
      m.remove("seed");
    }
    return x.equals(y);
  }

  private static Map<String, String> target(ResultTable.Group g) {
    Map<String, String> t = new LinkedHashMap<>();
    g.config().forEach((k, v) -> {
      if (k.equals("target") || k.startsWith("target.")) {
        t.put(k, v);
      }
    });
    return t;
  }

  /** The parsed argument. */
  public Spec spec() {
    return spec;
  }

  /** The comparisons, in table order of the compared configuration, then headline-metric order. */
  public List<Row> rows() {
    return rows;
  }

  /** Configurations with another value of the key but no baseline configuration identical except for it. */
  public List<ResultTable.Group> withoutBaseline() {
    return withoutBaseline;
  }

  /** The key columns of the tables: the shown keys of {@code t}, then the key itself when not among them. */
  public List<String> keyColumns(List<String> shown) {
    List<String> cols = new ArrayList<>(shown);
    if (!cols.contains(spec.key())) {
      cols.add(spec.key());
    }
    return cols;
  }

  /** The value of the key column {@code k} for configuration {@code g}. */
  public String keyValue(ResultTable.Group g, String k, Function<ResultTable.Group, RunProvenance.Sweep> sweep) {
    if (k.equals(spec.key()) && !configKey) {
      return Objects.requireNonNullElse(gridValue(sweep.apply(g), k), "");
    }
    return g.config().getOrDefault(k, "");
  }

  /** The 95 % interval as text: {@code [lo, hi]}, or why it is unavailable. */
  public static String interval(Row r) {
    if (Double.isNaN(r.se())) {
      return Double.isNaN(r.difference()) ? "–" : "unavailable (n < 2)";
    }
    return "[" + ResultsWriter.number(r.lo()) + ", " + ResultsWriter.number(r.hi()) + "]";
  }

  /** {@code mean ± se (n)}. */
  static String stat(ResultTable.Stat s) {
    return ResultsWriter.cell(s) + " (" + s.n() + ")";
  }

  /** The explanation printed under the tables. */
  public String note() {
    return "difference = mean over seeds of the configuration − that of the baseline (" + spec + ", identical"
        + " except for " + spec.key() + "); se = √(se₁² + se₂²) (independent seeds); 95 % interval ="
        + " difference ± 1.96 se, a normal approximation (with few seeds a Student-t interval is wider);"
        + " unavailable when either side has fewer than 2 seeds.";
  }

  /** The Markdown section appended to {@code results.md}. */
  public String markdown(List<String> shown, Function<ResultTable.Group, RunProvenance.Sweep> sweep) {
    StringBuilder sb = new StringBuilder("\n## Relative to the baseline " + spec + "\n\n");
    List<String> cols = keyColumns(shown);
    List<String> head = new ArrayList<>(cols);
    head.addAll(List.of("metric", "baseline: mean ± se (n)", "mean ± se (n)", "difference", "se", "95 % interval"));
    sb.append("| ").append(String.join(" | ", head)).append(" |\n");
    sb.append("|").append("---|".repeat(cols.size() + 1)).append("---:|".repeat(5)).append('\n');
    for (Row r : rows) {
      List<String> row = new ArrayList<>();
      cols.forEach(k -> row.add(keyValue(r.other(), k, sweep)));
      row.add(r.metric());
      row.add(stat(r.baseStat()));
      row.add(stat(r.otherStat()));
      row.add(ResultsWriter.number(r.difference()));
      row.add(Double.isNaN(r.se()) ? "–" : ResultsWriter.number(r.se()));
      row.add(interval(r));
      sb.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
    }
    if (rows.isEmpty()) {
      sb.append("\n(no configuration differs from a baseline configuration in ").append(spec.key())
          .append(" alone)\n");
    }
    sb.append('\n').append(note()).append('\n');
    if (!withoutBaseline.isEmpty()) {
      sb.append("\nWithout a baseline configuration identical except for ").append(spec.key()).append(" (")
          .append(withoutBaseline.size()).append("):\n\n");
      for (ResultTable.Group g : withoutBaseline) {
        List<String> label = new ArrayList<>();
        cols.forEach(k -> label.add(k + "=" + keyValue(g, k, sweep)));
        sb.append("- ").append(String.join(", ", label).replace("|", "\\|")).append('\n');
      }
    }
    return sb.toString();
  }

  /** {@code baseline.csv}: the key columns, metric, both sides' mean/se/n, difference, its se, the interval. */
  public String csv(List<String> shown, Function<ResultTable.Group, RunProvenance.Sweep> sweep) {
    List<String> cols = keyColumns(shown);
    List<String> head = new ArrayList<>(cols);
    head.addAll(List.of("metric", "baseline_mean", "baseline_se", "baseline_n", "mean", "se", "n", "difference",
        "difference_se", "ci95_lo", "ci95_hi"));
    StringBuilder sb = new StringBuilder(String.join(",", head.stream().map(ResultsWriter::csvCell).toList()))
        .append('\n');
    for (Row r : rows) {
      List<String> row = new ArrayList<>();
      cols.forEach(k -> row.add(keyValue(r.other(), k, sweep)));
      row.add(r.metric());
      row.add(Double.toString(r.baseStat().mean()));
      row.add(num(r.baseStat().se()));
      row.add(Integer.toString(r.baseStat().n()));
      row.add(Double.toString(r.otherStat().mean()));
      row.add(num(r.otherStat().se()));
      row.add(Integer.toString(r.otherStat().n()));
      row.add(Double.toString(r.difference()));
      row.add(num(r.se()));
      row.add(num(r.lo()));
      row.add(num(r.hi()));
      sb.append(String.join(",", row.stream().map(ResultsWriter::csvCell).toList())).append('\n');
    }
    return sb.toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
