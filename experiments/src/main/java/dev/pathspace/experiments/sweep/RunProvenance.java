package dev.pathspace.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.output.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code collect}'s report needs from one run's {@code provenance.json} (written by
 * {@code output.Provenance}): the code version, the sweep the run was a point of, and its plug-ins.
 *
 * @param state {@link State#PRESENT}, {@link State#MISSING} or {@link State#UNREADABLE}
 * @param codeVersion {@code pathspace_version}, then {@code git <commit>} and {@code (dirty)} when recorded,
 *     then {@code code <fingerprint prefix>} when recorded ({@code Provenance.codeVersion}, the format of
 *     {@code run.json}'s {@code code_version}); empty unless present
 * @param sweep the sweep coordinates, or null when the run was not a sweep point
 * @param plugins each recorded plug-in jar as {@code path (sha256 prefix): registered keys}
 */
public record RunProvenance(State state, String codeVersion, Sweep sweep, List<String> plugins) {
  /** Whether the file exists and could be parsed. */
  public enum State { PRESENT, MISSING, UNREADABLE }

  /**
   * The point of a sweep a run was (the {@code sweep} entry of its provenance).
   *
   * @param file the sweep file (absolute path as recorded)
   * @param grid the point's grid entries ({@code key → value}, option labels unexpanded, seed included)
   */
  public record Sweep(String file, Map<String, String> grid) {
    /** Copies the grid, keeping its order. */
    public Sweep {
      grid = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grid));
    }
  }

  /** Copies the plug-in list. */
  public RunProvenance {
    plugins = List.copyOf(plugins);
  }

  /** Reads {@code runDir/provenance.json}; a missing or unparsable file is a state, not an error. */
  public static RunProvenance read(Path runDir) {
    Path f = runDir.resolve("provenance.json");
    if (!Files.isRegularFile(f)) {
      return new RunProvenance(State.MISSING, "", null, List.of());
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(f.toFile());
    } catch (IOException e) {
      return new RunProvenance(State.UNREADABLE, "", null, List.of());
    }
    if (root == null || !root.isObject()) {
      return new RunProvenance(State.UNREADABLE, "", null, List.of());
    }
    return new RunProvenance(State.PRESENT, codeVersion(root), sweep(root.path("sweep")), plugins(root.path("plugins")));
  }

  private static String codeVersion(JsonNode root) {
    String version = root.path("pathspace_version").isTextual() ? root.get("pathspace_version").asText() : "unknown";
    JsonNode git = root.path("git");
    JsonNode code = root.path("code").path("sha256");
    return Provenance.codeVersion(version, git.path("commit").isTextual() ? git.get("commit").asText() : null,
        git.path("dirty").asBoolean(false), code.isTextual() ? code.asText() : null);
  }

  private static Sweep sweep(JsonNode s) {
    if (!s.isObject() || !s.path("file").isTextual()) {
      return null;
    }
    Map<String, String> grid = new LinkedHashMap<>();
    for (JsonNode o : s.path("overrides")) {
      String text = o.asText();
      int eq = text.indexOf('=');
      if (eq > 0) {
        grid.put(text.substring(0, eq), text.substring(eq + 1));
      }
    }
    return new Sweep(s.get("file").asText(), grid);
  }

  private static List<String> plugins(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : list) {
      String sha = p.path("sha256").asText("");
      List<String> keys = new ArrayList<>();
      p.path("registers").forEach(k -> keys.add(k.asText()));
      out.add(p.path("path").asText("?") + " (sha256 " + (sha.length() > 12 ? sha.substring(0, 12) : sha) + ")"
          + (keys.isEmpty() ? "" : ": " + String.join(", ", keys)));
    }
    return out;
  }
}
