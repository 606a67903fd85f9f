package dev.pathspace.experiments.output;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The content fingerprint of the pathspace code a run executes ({@code code} in {@code provenance.json}):
 * a SHA-256 over the class files and resources of pathspace's own class-path entries (the
 * {@code pathspace-*.jar} files and class directories of {@code dev.pathspace}), entry names and bytes in name order. Jar timestamps,
 * the manifest and Maven's {@code META-INF/maven/} metadata are left out, so rebuilding the same source
 * gives the same fingerprint and a jar and the class directory it was packed from agree. A git commit alone
 * does not identify the code: a run from a modified work tree records {@code dirty}, but not what was
 * modified; two such runs with different fingerprints ran different code (docs/reliability.md).
 */
public final class CodeFingerprint {
  private CodeFingerprint() {}

  /**
   * {@code {sha256, sources: [{path, sha256}]}} of the pathspace entries of {@code classPath} (entries
   * separated by {@link File#pathSeparator}); {@code sha256} combines the sources' hashes in sorted order.
   * With no pathspace entry: {@code {sha256: null, reason}}.
   */
  public static Map<String, Object> ofClassPath(String classPath) {
    List<Path> sources = pathspaceEntries(classPath);
    Map<String, Object> out = new LinkedHashMap<>();
    if (sources.isEmpty()) {
      out.put("sha256", null);
      out.put("reason", "no pathspace jar or class directory on the class path");
      return out;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (Path p : sources) {
      String h = contentSha256(p);
      hashes.add(h);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("path", p.toString());
      row.put("sha256", h);
      rows.add(row);
    }
    hashes.sort(null);
    out.put("sha256", sha256(String.join("\n", hashes).getBytes(StandardCharsets.UTF_8)));
    out.put("sources", rows);
    return out;
  }

  /**
   * The class-path entries that hold pathspace code: {@code pathspace-*.jar} files and class directories
   * with a {@code dev/pathspace} package (other directories and jars are not read).
   */
  static List<Path> pathspaceEntries(String classPath) {
    List<Path> out = new ArrayList<>();
    if (classPath == null) {
      return out;
    }
    for (String e : classPath.split(File.pathSeparator)) {
      if (e.isBlank()) {
        continue;
      }
      Path p = Path.of(e).toAbsolutePath().normalize();
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      boolean ownJar = name.startsWith("pathspace-") && name.endsWith(".jar") && Files.isRegularFile(p);
      if (ownJar || Files.isDirectory(p.resolve("dev").resolve("pathspace"))) {
        out.add(p);
      }
    }
    return out;
  }

  /** SHA-256 (hex) over the names and bytes of the entries of a jar or the files under a directory. */
  static String contentSha256(Path source) {
    TreeMap<String, byte[]> entries = Files.isDirectory(source) ? directoryEntries(source) : jarEntries(source);
    MessageDigest md = digest();
    entries.forEach((name, bytes) -> {
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(bytes);
    });
    return HexFormat.of().formatHex(md.digest());
  }

  private static boolean counted(String name) {
    return !name.equals("META-INF/MANIFEST.MF") && !name.startsWith("META-INF/maven/");
  }

  private static TreeMap<String, byte[]> jarEntries(Path jar) {
    TreeMap<String, byte[]> out = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (!e.isDirectory() && counted(e.getName())) {
          try (InputStream in = zip.getInputStream(e)) {
            out.put(e.getName(), in.readAllBytes());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
    return out;
  }

  private static TreeMap<String, byte[]> directoryEntries(Path dir) {
    TreeMap<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
        if (counted(name)) {
          out.put(name, Files.readAllBytes(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }
}
