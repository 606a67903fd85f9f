package dev.pathspace.experiments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.engine.Checkpoints;
import dev.pathspace.experiments.output.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pathspace-export.json} inside an exported SavedModel: the run directory, configuration
 * fingerprint and checkpoint step it was made from, so that {@code sample} can refuse a stale export (the
 * run was resumed or retrained after it).
 *
 * @param runDir the run directory (absolute)
 * @param fingerprint the run's configuration fingerprint
 * @param step the checkpoint step that was exported
 */
record ExportStamp(Path runDir, String fingerprint, int step) {
  /** File name inside the SavedModel directory. */
  static final String FILE = "pathspace-export.json";

  static String json(Path runDir, String fingerprint, int step) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_dir", runDir.toAbsolutePath().normalize().toString());
    m.put("fingerprint", fingerprint);
    m.put("step", step);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The stamp of {@code model}, if it has one. */
  static Optional<ExportStamp> read(Path model) {
    Path f = model.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      Map<?, ?> m = new ObjectMapper().readValue(f.toFile(), Map.class);
      return Optional.of(new ExportStamp(Path.of((String) m.get("run_dir")), (String) m.get("fingerprint"),
          ((Number) m.get("step")).intValue()));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("Cannot read " + f + ": the export is damaged; export again");
    }
  }

  /**
   * Why this export no longer describes its run (another configuration, or a newer checkpoint), if so.
   * A run directory that no longer exists is not a reason.
   */
  Optional<String> staleness() {
    if (!Files.isDirectory(runDir)) {
      return Optional.empty();
    }
    Optional<RunDirectory.Status> st = RunDirectory.existing(runDir).status();
    if (st.isPresent() && !st.get().fingerprint().equals(fingerprint)) {
      return Optional.of("it was made from a run of fingerprint " + fingerprint + ", the directory now holds "
          + st.get().fingerprint());
    }
    Optional<Path> latest = new Checkpoints(runDir.resolve(RunLifecycle.CHECKPOINTS)).latest();
    if (latest.isPresent()) {
      int now = Integer.parseInt(latest.get().getFileName().toString().substring("step-".length()));
      if (now != step) {
        return Optional.of("it was made from step " + step + ", the run is now at step " + now);
      }
    }
    return Optional.empty();
  }
}
