package dev.pathspace.experiments.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Expands a {@link SweepSpec} grid into points in a fixed, documented order: the Cartesian product of the
 * grid keys in file order with the <b>last key varying fastest</b> (like nested loops written in file
 * order). A point's directory name is its overrides joined with {@code _}, each sanitised to
 * {@code [A-Za-z0-9._=+-]}; names longer than {@link #MAX_NAME} characters, and names that collide after
 * sanitising, are shortened/suffixed with the first 8 hex digits of the SHA-256 of the raw overrides. The
 * name depends only on the point's own overrides (not on its index), so adding a value to the grid does
 * not rename existing run directories.
 */
public final class SweepPlan {
  /** Longest directory name kept verbatim. */
  public static final int MAX_NAME = 120;

  private SweepPlan() {}

  /** The points of {@code spec}; a grid-less spec has one point named {@code base}. */
  public static List<SweepPoint> expand(SweepSpec spec) {
    List<String> keys = new ArrayList<>(spec.grid().keySet());
    List<List<String>> combos = new ArrayList<>();
    combos.add(List.of());
    for (String k : keys) { // earlier keys vary slowest: extend every prefix by each value of k in order
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : combos) {
        for (String v : spec.grid().get(k)) {
          List<String> c = new ArrayList<>(prefix);
          c.add(k + "=" + v);
          next.add(c);
        }
      }
      combos = next;
    }
    List<String> names = new ArrayList<>();
    for (List<String> c : combos) {
      names.add(c.isEmpty() ? "base" : name(c));
    }
    Map<String, Integer> counts = new HashMap<>();
    names.forEach(n -> counts.merge(n, 1, Integer::sum));
    List<SweepPoint> points = new ArrayList<>();
    for (int i = 0; i < combos.size(); i++) {
      String n = names.get(i);
      if (counts.get(n) > 1) {
        n = n + "-" + hash(combos.get(i));
      }
      points.add(new SweepPoint(i, combos.get(i), n));
    }
    return points;
  }

  static String name(List<String> overrides) {
    StringBuilder sb = new StringBuilder();
    for (String o : overrides) {
      if (sb.length() > 0) {
        sb.append('_');
      }
      sb.append(o.replaceAll("[^A-Za-z0-9._=+\\-]", "-"));
    }
    String s = sb.toString();
    if (s.startsWith(".")) {
      s = "_" + s;
    }
    if (s.length() > MAX_NAME) {
      s = s.substring(0, MAX_NAME - 9) + "-" + hash(overrides);
    }
    return s;
  }

  static String hash(List<String> overrides) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(String.join("\n", overrides).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
