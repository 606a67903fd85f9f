package dev.pathspace.experiments.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file names of the {@code collect} figures in {@code outDir/figures} (issue 15), shared by the code
 * that draws them and the HTML report that groups them: {@code <kind>_<target>_<rest>.png} and
 * {@code .svg}, where {@code <target>} is the {@linkplain #target sanitised target label} (no '_' in it, so
 * the {@code <kind>_<target>_} prefix is unambiguous). Names: {@code dot_<target>_<metric>},
 * {@code curve_<target>_<metric>_steps}, {@code curve_<target>_<metric>_seconds}, {@code marginals_<target>}.
 */
public final class FigureNames {
  /** The kinds of figure, each with its file-name prefix. */
  public enum Kind {
    /** Dot-and-interval plot of one summary metric. */
    DOT("dot"),
    /** Learning curve of one metric against steps or seconds. */
    CURVE("curve"),
    /** Marginals of every configuration overlaid on the ground truth. */
    MARGINALS("marginals");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** The file-name prefix ({@code dot}, {@code curve}, {@code marginals}). */
    public String prefix() {
      return prefix;
    }
  }

  /**
   * A parsed figure file name.
   *
   * @param kind the figure kind
   * @param target the sanitised target label
   * @param rest what follows {@code <kind>_<target>_} without the extension (empty for marginals)
   */
  public record Parsed(Kind kind, String target, String rest) {}

  private FigureNames() {}

  /**
   * The target label of a configuration ({@code target=<name>} then its varying shown parameters
   * {@code target.k=v}, joined by ", "), as in the figure titles; the HTML groups by the same label.
   */
  public static String targetLabel(ResultTable.Group g, List<String> shown) {
    return label(g, shown, true);
  }

  /** The configuration label within a target: the shown varying non-target keys {@code k=v} joined by ", ". */
  public static String configLabel(ResultTable.Group g, List<String> shown) {
    return label(g, shown, false);
  }

  private static String label(ResultTable.Group g, List<String> shown, boolean target) {
    List<String> parts = new ArrayList<>();
    if (target) {
      parts.add("target=" + g.config().getOrDefault("target", ""));
    }
    for (String k : shown) {
      boolean isTarget = k.equals("target") || k.startsWith("target.");
      if (isTarget == target && !k.equals("target")) {
        parts.add(k + "=" + g.config().getOrDefault(k, ""));
      }
    }
    return parts.isEmpty() ? "all runs" : String.join(", ", parts);
  }

  /**
   * The sanitised target label: {@code target=} and {@code target.} dropped, every run of characters other
   * than letters, digits, '.' and '-' replaced by one '-' (e.g. {@code target=gmm, target.dim=2} →
   * {@code gmm-dim-2}); never empty and never containing '_'.
   */
  public static String target(String targetLabel) {
    String s = targetLabel.replace("target.", "").replaceFirst("^target=", "");
    s = s.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "target" : s;
  }

  /** A metric or other name part with unsafe characters (not letters, digits, '.', '_', '-') replaced by '_'. */
  public static String part(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]+", "_");
  }

  /** The prefix {@code <kind>_<sanitised target>} shared by a target's figures of one kind. */
  public static String prefix(Kind kind, String targetLabel) {
    return kind.prefix() + "_" + target(targetLabel);
  }

  /** {@code dot_<target>_<metric>} (no extension). */
  public static String dot(String targetLabel, String metric) {
    return prefix(Kind.DOT, targetLabel) + "_" + part(metric);
  }

  /** {@code curve_<target>_<metric>_<steps|seconds>} (no extension). */
  public static String curve(String targetLabel, String metric, String axis) {
    return prefix(Kind.CURVE, targetLabel) + "_" + part(metric) + "_" + axis.toLowerCase(Locale.ROOT);
  }

  /** {@code marginals_<target>} (no extension). */
  public static String marginals(String targetLabel) {
    return prefix(Kind.MARGINALS, targetLabel);
  }

  /** Parses a figure file name ({@code .png}/{@code .svg} or none); empty when it is not one of ours. */
  public static Optional<Parsed> parse(String fileName) {
    String stem = fileName.replaceFirst("\\.(png|svg)$", "");
    for (Kind k : Kind.values()) {
      if (stem.startsWith(k.prefix() + "_")) {
        String tail = stem.substring(k.prefix().length() + 1);
        int u = tail.indexOf('_');
        String target = u < 0 ? tail : tail.substring(0, u);
        String rest = u < 0 ? "" : tail.substring(u + 1);
        if (!target.isEmpty() && (k == Kind.MARGINALS) == rest.isEmpty()) {
          return Optional.of(new Parsed(k, target, rest));
        }
      }
    }
    return Optional.empty();
  }
}
