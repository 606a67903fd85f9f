package dev.pathspace.experiments.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.pathspace.experiments.storage.AtomicFiles;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sweep-manifest.json} in the sweep root: the sweep file, presets, base overrides, grid, the
 * expansion order and every point (index, directory, overrides). Its content does not depend on the
 * shard, so concurrent shards write identical files (each through its own temporary file and an atomic
 * rename).
 */
public final class SweepManifest {
  /** File name in the sweep root. */
  public static final String FILE = "sweep-manifest.json";

  private SweepManifest() {}

  /** The manifest as an ordered map. */
  public static Map<String, Object> build(Path sweepFile, SweepSpec spec, List<SweepPoint> points, int numShards) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sweep_file", sweepFile.toAbsolutePath().normalize().toString());
    m.put("presets", spec.presets());
    m.put("base", spec.base());
    m.put("grid", spec.grid());
    if (!spec.options().isEmpty()) {
      m.put("options", spec.options());
    }
    if (!spec.rules().isEmpty()) {
      List<Map<String, Object>> rules = new ArrayList<>();
      for (SweepSpec.Rule r : spec.rules()) {
        Map<String, Object> rule = new LinkedHashMap<>(); // ordered: shards must write identical manifests
        rule.put("when", r.when());
        rule.put("set", r.set());
        rules.add(rule);
      }
      m.put("overrides", rules);
    }
    m.put("order", "Cartesian product of the grid keys in file order, last key varying fastest; "
        + "shard i of n runs the points with index mod n == i");
    m.put("num_shards", numShards);
    List<Map<String, Object>> ps = new ArrayList<>();
    for (SweepPoint p : points) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("index", p.index());
      e.put("dir", p.name());
      e.put("overrides", p.overrides());
      SweepSpec.Resolved r = spec.resolve(p);
      if (!r.presets().equals(spec.presets()) || !r.overrides().equals(p.overrides())) {
        e.put("presets", r.presets()); // what the point runs: option labels expanded, preset= entries applied
        e.put("run_overrides", r.overrides());
      }
      if (!r.ruled().isEmpty()) {
        e.put("rule_overrides", r.ruled()); // the matching overrides rules' entries, one layer above run_overrides
      }
      ps.add(e);
    }
    m.put("points", ps);
    return m;
  }

  /** Writes {@code manifest} to {@code root/sweep-manifest.json}. */
  public static Path write(Path root, Map<String, Object> manifest) {
    try {
      Files.createDirectories(root);
      Path target = root.resolve(FILE);
      AtomicFiles.SYSTEM.writeString(target, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(manifest) + "\n");
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + FILE + " in " + root, e);
    }
  }
}
