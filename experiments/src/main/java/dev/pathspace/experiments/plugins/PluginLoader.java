package dev.pathspace.experiments.plugins;

import com.google.inject.Module;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Loads plug-in jars named by {@code --plugin PATH} (repeatable) and the {@code PATHSPACE_PLUGINS}
 * environment variable (paths separated by the platform's path separator): each path is a jar or a
 * directory whose {@code *.jar} files are loaded in name order. Every jar must list at least one Guice
 * module in {@code META-INF/services/com.google.inject.Module}; a jar that declares a
 * {@code Pathspace-Api-Version} other than this pathspace's api (major.minor) is refused; a module that
 * cannot be linked against this api (missing class or method) is reported as incompatible. Errors are
 * {@link PluginException}s with one line naming the jar.
 */
public final class PluginLoader {
  /** The environment variable holding extra plug-in paths. */
  public static final String ENV = "PATHSPACE_PLUGINS";

  private static final String SERVICES = "META-INF/services/" + Module.class.getName();

  private final String apiVersion;

  /** @param apiVersion this pathspace's api version, e.g. {@code 0.1.0-SNAPSHOT} (empty: unknown) */
  public PluginLoader(String apiVersion) {
    this.apiVersion = apiVersion == null ? "" : apiVersion;
  }

  /** The paths of {@code --plugin} options followed by those of {@code PATHSPACE_PLUGINS} (if set). */
  public static List<Path> requested(List<Path> options, Optional<String> env) {
    List<Path> out = new ArrayList<>(options);
    env.filter(s -> !s.isBlank()).ifPresent(s -> {
      for (String p : s.split(File.pathSeparator)) {
        if (!p.isBlank()) {
          out.add(Path.of(p.trim()));
        }
      }
    });
    return out;
  }

  /** Loads the jars under {@code paths} into one class loader above pathspace's own. */
  public LoadedPlugins load(List<Path> paths) {
    if (paths.isEmpty()) {
      return LoadedPlugins.none();
    }
    List<Path> jars = expand(paths);
    List<PluginJar> recorded = new ArrayList<>();
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      recorded.add(inspect(jar));
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new PluginException("plug-in path " + jar + " is not a valid file URL", e);
      }
    }
    URLClassLoader loader =
        new URLClassLoader("pathspace-plugins", urls.toArray(URL[]::new), PluginLoader.class.getClassLoader());
    Map<Module, PluginJar> modules = new LinkedHashMap<>();
    for (PluginJar jar : recorded) {
      for (String cls : jar.moduleClasses()) {
        modules.put(instantiate(loader, jar, cls), jar);
      }
    }
    return new LoadedPlugins(loader, recorded, modules);
  }

  private static List<Path> expand(List<Path> paths) {
    Set<Path> out = new LinkedHashSet<>();
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      if (!Files.exists(abs)) {
        throw new PluginException("plug-in path " + p + " does not exist (from --plugin or " + ENV + ")");
      }
      if (Files.isDirectory(abs)) {
        try (Stream<Path> s = Files.list(abs)) {
          List<Path> found = s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
          if (found.isEmpty()) {
            throw new PluginException("plug-in directory " + p + " contains no .jar file");
          }
          out.addAll(found);
        } catch (IOException e) {
          throw new PluginException("cannot list plug-in directory " + p + ": " + e.getMessage(), e);
        }
      } else {
        out.add(abs);
      }
    }
    return new ArrayList<>(out);
  }

  private PluginJar inspect(Path jar) {
    if (!jar.getFileName().toString().endsWith(".jar")) {
      throw new PluginException("plug-in " + jar + " is not a .jar file");
    }
    try (JarFile jf = new JarFile(jar.toFile())) {
      ZipEntry services = jf.getEntry(SERVICES);
      if (services == null) {
        throw new PluginException("plug-in " + jar + " registers no Guice module: " + SERVICES
            + " is missing (see docs/extending.md)");
      }
      List<String> classes;
      try (InputStream in = jf.getInputStream(services)) {
        classes = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
      }
      if (classes.isEmpty()) {
        throw new PluginException("plug-in " + jar + " lists no module class in " + SERVICES);
      }
      Manifest mf = jf.getManifest();
      String declared = mf == null ? null : mf.getMainAttributes().getValue("Pathspace-Api-Version");
      declared = declared == null ? "" : declared.trim();
      if (!declared.isEmpty() && !apiVersion.isEmpty() && !majorMinor(declared).equals(majorMinor(apiVersion))) {
        throw new PluginException("plug-in " + jar + " was built against pathspace-api " + declared
            + ", but this pathspace has api " + apiVersion + "; rebuild the plug-in against " + apiVersion);
      }
      return new PluginJar(jar, Files.size(jar), sha256(jar), declared, classes);
    } catch (IOException e) {
      throw new PluginException("plug-in " + jar + " is not a readable jar: " + e.getMessage(), e);
    }
  }

  private Module instantiate(ClassLoader loader, PluginJar jar, String cls) {
    try {
      Class<?> c = Class.forName(cls, true, loader);
      if (!Module.class.isAssignableFrom(c)) {
        throw new PluginException("plug-in " + jar.path() + " lists " + cls + " as a Guice module, but it is not one");
      }
      return (Module) c.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new PluginException("plug-in " + jar.path() + " lists module " + cls + ", which is not in the jar", e);
    } catch (LinkageError e) {
      throw incompatible(jar, cls, e);
    } catch (ReflectiveOperationException e) {
      throw new PluginException("plug-in " + jar.path() + ": cannot create module " + cls
          + " (it needs a public no-argument constructor): " + e, e);
    }
  }

  /** The error for a plug-in class that cannot be linked against this api. */
  public PluginException incompatible(PluginJar jar, String what, Throwable e) {
    return new PluginException("plug-in " + jar.path() + " is incompatible with this pathspace (api "
        + (apiVersion.isEmpty() ? "unknown" : apiVersion) + "): " + what + " failed with " + e
        + "; rebuild the plug-in against this version", e);
  }

  /** Hex SHA-256 of a file. */
  public static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  private static String majorMinor(String v) {
    String[] parts = v.split("[.-]");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : v;
  }
}
