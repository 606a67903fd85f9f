package dev.pathspace.experiments.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import dev.pathspace.experiments.storage.AtomicFiles;

/**
 * {@code provenance.json} of a run directory (after Tribuo's provenance and sde_sampler's hydra
 * output): resolved config file, git commit and dirty flag, the content fingerprint of the pathspace code
 * ({@link CodeFingerprint}), pathspace and library versions, JVM, OS,
 * machine, seed, the command line, presets, and start/end timestamps. A resumed run appends to
 * {@code resumes}; {@code finished} is set when {@code summary.json} is written.
 */
public final class Provenance {
  /** Maven coordinates (groupId/artifactId) of the libraries whose versions are recorded. */
  static final Map<String, String> LIBRARIES = orderedLibraries();
  private static final Map<String, String> MARKER_CLASSES = Map.of(
      "tensorflow-core-api", "org.tensorflow.Graph",
      "guice", "com.google.inject.Guice",
      "jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper",
      "commons-math3", "org.apache.commons.math3.util.FastMath",
      "picocli", "picocli.CommandLine",
      "jfreechart", "org.jfree.chart.JFreeChart");

  private Provenance() {}

  private static Map<String, String> orderedLibraries() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("tensorflow-core-api", "org.tensorflow/tensorflow-core-api");
    m.put("guice", "com.google.inject/guice");
    m.put("jackson-databind", "com.fasterxml.jackson.core/jackson-databind");
    m.put("commons-math3", "org.apache.commons/commons-math3");
    m.put("picocli", "info.picocli/picocli");
    m.put("jfreechart", "org.jfree/jfreechart");
    return m;
  }

  /**
   * The provenance of a run starting now.
   *
   * @param args the command line
   * @param workDir working directory (where git is asked)
   * @param configFile the user's {@code --config} file, or null
   * @param presets preset names with their descriptions
   * @param seed the run seed
   * @param engineVersions versions reported by the engine (e.g. {@code tensorflow})
   * @param extra additional entries (e.g. {@code rerun_of}, {@code sweep})
   */
  public static Map<String, Object> start(
      List<String> args, Path workDir, Path configFile, Map<String, String> presets, long seed,
      Map<String, String> engineVersions, Map<String, Object> extra, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("config", "config.yaml");
    m.put("config_file", configFile == null ? null : configFile.toString());
    m.put("presets", presets);
    m.put("seed", seed);
    m.put("command", new ArrayList<>(args));
    m.put("working_dir", workDir.toAbsolutePath().normalize().toString());
    m.put("git", git(workDir));
    m.put("code", CodeFingerprint.ofClassPath(System.getProperty("java.class.path")));
    m.put("pathspace_version", pathspaceVersion());
    Map<String, String> versions = new LinkedHashMap<>(engineVersions);
    LIBRARIES.forEach((name, coords) -> versions.put(name, libraryVersion(coords, MARKER_CLASSES.get(name))));
    m.put("versions", versions);
    m.put("jvm", Map.of(
        "version", System.getProperty("java.version"),
        "vendor", System.getProperty("java.vendor"),
        "vm", System.getProperty("java.vm.name")));
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("arch", System.getProperty("os.arch"));
    machine.put("host", hostName());
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("machine", machine);
    m.putAll(extra);
    m.put("started", now.toString());
    m.put("finished", null);
    m.put("resumes", new ArrayList<>());
    return m;
  }

  /**
   * The code version of a run as {@code run.json} and {@code collect} name it: {@code <pathspace version>},
   * then {@code git <commit>} and {@code (dirty)} when recorded, then {@code code <first 12 hex digits of
   * the code fingerprint>} when recorded (runs from before the fingerprint have none).
   */
  public static String codeVersion(String pathspaceVersion, String commit, boolean dirty, String codeSha256) {
    StringBuilder sb = new StringBuilder(pathspaceVersion == null ? "unknown" : pathspaceVersion);
    if (commit != null) {
      sb.append(" git ").append(commit).append(dirty ? " (dirty)" : "");
    }
    if (codeSha256 != null && codeSha256.length() >= 12) {
      sb.append(" code ").append(codeSha256, 0, 12);
    }
    return sb.toString();
  }

  /** Writes {@code provenance} to {@code file} atomically. */
  public static void write(Path file, Map<String, Object> provenance) {
    write(AtomicFiles.SYSTEM, file, provenance);
  }

  /** Writes {@code provenance} to {@code file} atomically through {@code files}. */
  public static void write(AtomicFiles files, Path file, Map<String, Object> provenance) {
    try {
      files.writeString(file,
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(provenance) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code file} (an ordered map), or null if it does not exist. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
    } catch (IOException e) {
      throw new dev.pathspace.api.ConfigException("Cannot read " + file + " (" + AtomicFiles.reason(e)
          + "): the run directory is damaged");
    }
  }

  /** Appends a resume record ({@code at}, {@code from_step}, {@code command}) to {@code file}. */
  @SuppressWarnings("unchecked")
  public static void recordResume(Path file, Instant now, int fromStep, List<String> args) {
    recordResume(AtomicFiles.SYSTEM, file, now, fromStep, args);
  }

  /** Appends a resume record to {@code file}, written through {@code files}. */
  @SuppressWarnings("unchecked")
  public static void recordResume(AtomicFiles files, Path file, Instant now, int fromStep, List<String> args) {
    Map<String, Object> m = read(file);
    if (m == null) {
      return;
    }
    Object list = m.get("resumes");
    List<Object> resumes = list instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("at", now.toString());
    r.put("from_step", fromStep);
    r.put("command", new ArrayList<>(args));
    r.put("host", hostName());
    resumes.add(r);
    m.put("resumes", resumes);
    write(files, file, m);
  }

  /** Sets {@code finished} in {@code file}. */
  public static void recordFinish(Path file, Instant now) {
    recordFinish(AtomicFiles.SYSTEM, file, now);
  }

  /** Sets {@code finished} in {@code file}, written through {@code files}. */
  public static void recordFinish(AtomicFiles files, Path file, Instant now) {
    Map<String, Object> m = read(file);
    if (m != null) {
      m.put("finished", now.toString());
      write(files, file, m);
    }
  }

  /**
   * Records the compute device the run's session uses ({@code device}: TensorFlow's name and type, e.g.
   * {@code /job:localhost/replica:0/task:0/device:CPU:0 (CPU)}), written through {@code files}.
   */
  public static void recordDevice(AtomicFiles files, Path file, String device) {
    Map<String, Object> m = read(file);
    if (m != null) {
      m.put("device", device);
      write(files, file, m);
    }
  }

  /** Records the run's XLA JIT setting ({@code jit}, config key {@code jit}), written through {@code files}. */
  public static void recordJit(AtomicFiles files, Path file, boolean jit) {
    Map<String, Object> m = read(file);
    if (m != null) {
      m.put("jit", jit);
      write(files, file, m);
    }
  }

  /** {@code {commit, dirty}} of the git work tree containing {@code dir}, or null without git. */
  static Map<String, Object> git(Path dir) {
    Map<String, Object> here = gitOf(dir);
    if (here != null) {
      return here;
    }
    // outside a checkout: record the commit of the pathspace installation the code was loaded from
    try {
      Path code = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Map<String, Object> install = gitOf(Files.isDirectory(code) ? code : code.getParent());
      if (install != null) {
        install.put("of", "pathspace installation " + code.getParent());
        return install;
      }
    } catch (Exception e) {
      // fall through: no code location
    }
    Map<String, Object> none = new LinkedHashMap<>();
    none.put("commit", null);
    none.put("reason", "neither the working directory nor the pathspace installation is a git checkout");
    return none;
  }

  private static Map<String, Object> gitOf(Path dir) {
    String commit = command(dir, "git", "rev-parse", "HEAD");
    if (commit == null || commit.isBlank()) {
      return null;
    }
    String status = command(dir, "git", "status", "--porcelain", "--untracked-files=no");
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("commit", commit.trim());
    g.put("dirty", status == null ? null : !status.isBlank());
    return g;
  }

  private static String command(Path dir, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toAbsolutePath().toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The pathspace version: the jar's Maven metadata, else {@code 0.1.0-SNAPSHOT (classes)}. */
  /** The version of the pathspace-api jar on the class path, or empty when running from class directories. */
  public static String apiVersion() {
    String v = mavenVersion("dev.pathspace/pathspace-api");
    return v == null ? "" : v;
  }

  /** This pathspace's version (the experiments jar's), or {@code 0.1.0-SNAPSHOT (classes)} outside a jar. */
  public static String pathspaceVersion() {
    String v = mavenVersion("dev.pathspace/pathspace-experiments");
    return v == null ? "0.1.0-SNAPSHOT (classes)" : v;
  }

  /** The version in {@code META-INF/maven/<groupId>/<artifactId>/pom.properties} on the classpath, or null. */
  static String mavenVersion(String coords) {
    try (InputStream in = Provenance.class.getResourceAsStream("/META-INF/maven/" + coords + "/pom.properties")) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      return null;
    }
  }

  /** Maven metadata of {@code coords}, else the manifest version of the jar holding {@code markerClass}. */
  static String libraryVersion(String coords, String markerClass) {
    String v = mavenVersion(coords);
    if (v != null || markerClass == null) {
      return v;
    }
    try {
      Class<?> c = Class.forName(markerClass, false, Provenance.class.getClassLoader());
      java.net.URL loc = c.getProtectionDomain().getCodeSource().getLocation();
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(Path.of(loc.toURI()).toFile())) {
        java.util.jar.Attributes a = jar.getManifest().getMainAttributes();
        String impl = a.getValue("Implementation-Version");
        return impl != null ? impl : a.getValue("Bundle-Version");
      }
    } catch (ReflectiveOperationException | IOException | java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return env;
    }
  }
}
