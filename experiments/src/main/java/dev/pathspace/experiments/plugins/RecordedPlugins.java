package dev.pathspace.experiments.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plug-ins a run directory was made with (the {@code plugins} list of its {@code provenance.json}),
 * found again for {@code rerun DIR} and {@code run --resume DIR}: a jar already given (same SHA-256) is
 * used; otherwise the recorded path is loaded if its jar is unchanged; otherwise the command stops naming
 * the plug-in, what it registered and how to pass it.
 */
public final class RecordedPlugins {
  /** One recorded jar. */
  record Recorded(Path path, String sha256, List<String> registers) {}

  private RecordedPlugins() {}

  /** The run directory of {@code rerun DIR} or {@code run … --resume DIR} in {@code args}, if any. */
  public static Optional<Path> runDirOf(List<String> args) {
    int cmd = -1;
    for (int i = 0; i < args.size(); i++) {
      if (!args.get(i).startsWith("-")) {
        cmd = i;
        break;
      }
    }
    if (cmd < 0) {
      return Optional.empty();
    }
    if (args.get(cmd).equals("rerun")) {
      return args.subList(cmd + 1, args.size()).stream().filter(a -> !a.startsWith("-")).findFirst().map(Path::of);
    }
    if (args.get(cmd).equals("run")) {
      for (int i = cmd + 1; i < args.size(); i++) {
        if (args.get(i).equals("--resume") && i + 1 < args.size()) {
          return Optional.of(Path.of(args.get(i + 1)));
        }
        if (args.get(i).startsWith("--resume=")) {
          return Optional.of(Path.of(args.get(i).substring("--resume=".length())));
        }
      }
    }
    return Optional.empty();
  }

  /** The jars recorded in {@code runDir/provenance.json} (empty if none, or if there is no such file). */
  static List<Recorded> read(Path runDir) {
    Path prov = runDir.resolve("provenance.json");
    if (!Files.isRegularFile(prov)) {
      return List.of();
    }
    try {
      JsonNode root = new ObjectMapper().readTree(Files.readString(prov));
      List<Recorded> out = new ArrayList<>();
      for (JsonNode p : root.path("plugins")) {
        List<String> keys = new ArrayList<>();
        p.path("registers").forEach(k -> keys.add(k.asText()));
        out.add(new Recorded(Path.of(p.path("path").asText()), p.path("sha256").asText(), keys));
      }
      return out;
    } catch (IOException e) {
      return List.of(); // an unreadable provenance.json is reported by the command itself
    }
  }

  /**
   * The recorded jars of {@code runDir} that {@code loaded} lacks, as paths to load in addition.
   *
   * @throws PluginException naming the plug-in when it is neither loaded nor at its recorded path unchanged
   */
  public static List<Path> missing(Path runDir, LoadedPlugins loaded) {
    Set<String> have = loaded.jars().stream().map(PluginJar::sha256).collect(Collectors.toSet());
    List<Path> add = new ArrayList<>();
    for (Recorded r : read(runDir)) {
      if (have.contains(r.sha256())) {
        continue;
      }
      String what = r.registers().isEmpty() ? "" : " (it registers " + String.join(", ", r.registers()) + ")";
      if (!Files.isRegularFile(r.path())) {
        throw new PluginException(runDir + " was made with the plug-in " + r.path() + what
            + ", which is not there any more: pass the same jar with --plugin PATH or PATHSPACE_PLUGINS");
      }
      String now;
      try {
        now = PluginLoader.sha256(r.path());
      } catch (IOException e) {
        throw new PluginException("cannot read the plug-in " + r.path() + " recorded by " + runDir + ": " + e.getMessage(), e);
      }
      if (!now.equals(r.sha256())) {
        throw new PluginException(runDir + " was made with the plug-in " + r.path() + what + " (sha256 "
            + r.sha256() + "), but that file has changed (sha256 " + now + "): pass the original jar with"
            + " --plugin PATH, or start a new run");
      }
      add.add(r.path());
    }
    return add;
  }
}
