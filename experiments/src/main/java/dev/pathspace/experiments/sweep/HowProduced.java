package dev.pathspace.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The "how produced" block of {@code collect}'s report: the sweep file(s) (from {@code sweep-manifest.json}
 * under the collected directories, else as the runs' provenance names them), the code version(s) of the runs
 * (from each {@code provenance.json}; runs that differ in code version are a warning), the plug-ins they
 * were made with, the components used, the {@code collect} command line and the date.
 *
 * @param sweeps the sweeps the runs come from
 * @param codeVersions code version → the runs made with it (runs without a readable provenance not included)
 * @param withoutProvenance runs whose {@code provenance.json} is missing or unreadable, with the reason
 * @param plugins the distinct plug-in jars recorded by the runs
 * @param components config key ({@code sampler}, {@code divergence}, {@code schedule}, {@code target}) → values
 * @param command the collect command line
 * @param date when the report was made (to the second)
 */
public record HowProduced(List<Sweep> sweeps, Map<String, List<Path>> codeVersions, List<String> withoutProvenance,
    List<String> plugins, Map<String, List<String>> components, String command, Instant date) {
  /** The manifest depth searched below each collected directory (the root itself and two levels). */
  static final int MANIFEST_DEPTH = 2;
  private static final List<String> COMPONENT_KEYS = List.of("sampler", "divergence", "schedule", "target");

  /**
   * One sweep.
   *
   * @param file the sweep file as recorded
   * @param manifest its {@code sweep-manifest.json}, or null when only the runs' provenance names it
   * @param grid grid key → values (empty without a manifest)
   * @param presets the sweep's presets (empty without a manifest)
   * @param base the sweep's base overrides (empty without a manifest)
   */
  public record Sweep(String file, Path manifest, Map<String, List<String>> grid, List<String> presets,
      List<String> base) {}

  /** Whether the runs were made by more than one code version (a warning: results may not be comparable). */
  public boolean codeVersionsDiffer() {
    return codeVersions.size() > 1;
  }

  /**
   * Gathers the block.
   *
   * @param roots the collected directories (searched for sweep manifests)
   * @param table the runs
   * @param provenance each run directory's provenance
   * @param commandLine the command line ({@code collect ...}, as given)
   * @param now the date of the report
   */
  public static HowProduced of(List<Path> roots, ResultTable table, Map<Path, RunProvenance> provenance,
      List<String> commandLine, Instant now) {
    List<Sweep> sweeps = new ArrayList<>();
    Set<String> files = new LinkedHashSet<>();
    for (Path m : manifests(roots)) {
      Sweep s = readManifest(m);
      if (s != null && files.add(s.file())) {
        sweeps.add(s);
      }
    }
    Map<String, List<Path>> versions = new LinkedHashMap<>();
    List<String> without = new ArrayList<>();
    Set<String> plugins = new LinkedHashSet<>();
    for (ResultTable.Group g : table.groups()) {
      for (CollectedRun r : g.runs()) {
        RunProvenance known = provenance.get(r.dir());
        RunProvenance p = known != null ? known : RunProvenance.read(r.dir());
        switch (p.state()) {
          case MISSING -> without.add(r.dir() + ": no provenance.json");
          case UNREADABLE -> without.add(r.dir() + ": unreadable provenance.json");
          case PRESENT -> {
            versions.computeIfAbsent(p.codeVersion(), x -> new ArrayList<>()).add(r.dir());
            plugins.addAll(p.plugins());
            if (p.sweep() != null && files.add(p.sweep().file())) {
              sweeps.add(new Sweep(p.sweep().file(), null, Map.of(), List.of(), List.of()));
            }
          }
        }
      }
    }
    Map<String, List<String>> components = new LinkedHashMap<>();
    for (String k : COMPONENT_KEYS) {
      Set<String> vs = new LinkedHashSet<>();
      table.groups().forEach(g -> {
        String v = g.config().get(k);
        if (v != null && !v.isEmpty()) {
          vs.add(v);
        }
      });
      if (!vs.isEmpty()) {
        components.put(k, List.copyOf(vs));
      }
    }
    return new HowProduced(sweeps, versions, without, List.copyOf(plugins), components,
        commandText(commandLine), now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** {@code pathspace ARGS}, each argument with shell metacharacters single-quoted. */
  static String commandText(List<String> args) {
    StringBuilder sb = new StringBuilder("pathspace");
    for (String a : args) {
      sb.append(' ').append(a.matches("[A-Za-z0-9_./=:,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }

  private static List<Path> manifests(List<Path> roots) {
    Set<Path> out = new LinkedHashSet<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(root, MANIFEST_DEPTH + 1)) {
        s.filter(p -> p.getFileName().toString().equals(SweepManifest.FILE) && Files.isRegularFile(p)).sorted()
            .forEach(p -> out.add(p.toAbsolutePath().normalize()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot search " + root + " for " + SweepManifest.FILE, e);
      }
    }
    return List.copyOf(out);
  }

  private static Sweep readManifest(Path m) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(m.toFile());
    } catch (IOException e) {
      return new Sweep("(unreadable " + m.getFileName() + ")", m, Map.of(), List.of(), List.of());
    }
    if (root == null || !root.isObject()) {
      return new Sweep("(unreadable " + m.getFileName() + ")", m, Map.of(), List.of(), List.of());
    }
    Map<String, List<String>> grid = new LinkedHashMap<>();
    for (var e : root.path("grid").properties()) {
      List<String> vs = new ArrayList<>();
      e.getValue().forEach(v -> vs.add(v.asText()));
      grid.put(e.getKey(), vs);
    }
    return new Sweep(root.path("sweep_file").asText("?"), m, grid, texts(root.path("presets")), texts(root.path("base")));
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** The Markdown section appended to {@code results.md}. */
  public String markdown() {
    StringBuilder sb = new StringBuilder("\n## How produced\n\n");
    if (codeVersionsDiffer()) {
      sb.append("**Warning: the runs differ in code version** (").append(codeVersions.size())
          .append(" versions); differences between configurations may come from the code:\n\n");
      codeVersions.forEach((v, runs) -> sb.append("- ").append(v).append(": ").append(runs.size())
          .append(runs.size() == 1 ? " run\n" : " runs\n"));
      sb.append('\n');
    }
    if (sweeps.isEmpty()) {
      sb.append("- sweep file: none (the runs are not sweep points)\n");
    }
    for (Sweep s : sweeps) {
      sb.append("- sweep file: ").append(s.file());
      if (!s.grid().isEmpty()) {
        sb.append(" (grid: ").append(gridText(s.grid())).append(')');
      }
      sb.append('\n');
    }
    if (codeVersions.size() == 1) {
      sb.append("- code version: ").append(codeVersions.keySet().iterator().next()).append('\n');
    }
    if (!withoutProvenance.isEmpty()) {
      sb.append("- runs without provenance: ").append(withoutProvenance.size()).append('\n');
    }
    sb.append("- plug-ins: ").append(plugins.isEmpty() ? "none" : String.join("; ", plugins)).append('\n');
    if (!components.isEmpty()) {
      List<String> parts = new ArrayList<>();
      components.forEach((k, vs) -> parts.add(k + ": " + String.join(", ", vs)));
      sb.append("- components: ").append(String.join("; ", parts)).append('\n');
    }
    sb.append("- command: `").append(command).append("`\n");
    sb.append("- date: ").append(date).append('\n');
    return sb.toString();
  }

  /** {@code key ∈ {a, b}; ...} of a grid. */
  static String gridText(Map<String, List<String>> grid) {
    List<String> parts = new ArrayList<>();
    grid.forEach((k, vs) -> parts.add(k + " ∈ {" + String.join(", ", vs) + "}"));
    return String.join("; ", parts);
  }
}
