package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code fingerprint: content only (not timestamps, order or the manifest), and which entries count. */
class CodeFingerprintTest {
  @TempDir Path tmp;

  private static final Map<String, String> CODE = Map.of(
      "dev/pathspace/samplers/DisSampler.class", "bytes of DIS",
      "dev/pathspace/experiments/presets/ref-dis.yaml", "sampler: {type: dis}");

  private Path jar(String name, List<String> order, Map<String, String> content, String manifest, long time)
      throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    try (OutputStream out = Files.newOutputStream(p); JarOutputStream jar = new JarOutputStream(out)) {
      JarEntry m = new JarEntry("META-INF/MANIFEST.MF");
      m.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(time)));
      jar.putNextEntry(m);
      jar.write(manifest.getBytes(StandardCharsets.UTF_8));
      jar.putNextEntry(new JarEntry("META-INF/maven/dev.pathspace/x/pom.properties"));
      jar.write(("built " + time).getBytes(StandardCharsets.UTF_8));
      for (String entry : order) {
        JarEntry e = new JarEntry(entry);
        e.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(time)));
        jar.putNextEntry(e);
        jar.write(content.get(entry).getBytes(StandardCharsets.UTF_8));
      }
    }
    return p;
  }

  @Test
  void rebuildingTheSameCodeGivesTheSameFingerprintAndOneChangedByteAnother() throws IOException {
    List<String> names = List.copyOf(new java.util.TreeMap<>(CODE).keySet());
    Path a = jar("a/pathspace-samplers-0.1.0-SNAPSHOT.jar", names, CODE, "Created-By: 1", 1_000);
    Path b = jar("b/pathspace-samplers-0.1.0-SNAPSHOT.jar", List.of(names.get(1), names.get(0)), CODE,
        "Created-By: 2", 2_000_000);
    Map<String, String> changed = new java.util.HashMap<>(CODE);
    changed.put("dev/pathspace/samplers/DisSampler.class", "bytes of DIs");
    Path c = jar("c/pathspace-samplers-0.1.0-SNAPSHOT.jar", names, changed, "Created-By: 1", 1_000);

    assertThat(CodeFingerprint.contentSha256(a)).hasSize(64).isEqualTo(CodeFingerprint.contentSha256(b));
    assertThat(CodeFingerprint.contentSha256(c)).isNotEqualTo(CodeFingerprint.contentSha256(a));
  }

  @Test
  void aClassDirectoryAgreesWithTheJarPackedFromIt() throws IOException {
    Path jar = jar("a/pathspace-samplers-0.1.0-SNAPSHOT.jar", List.copyOf(CODE.keySet()), CODE, "x", 5);
    Path dir = tmp.resolve("classes");
    for (var e : CODE.entrySet()) {
      Path f = dir.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    assertThat(CodeFingerprint.contentSha256(dir)).isEqualTo(CodeFingerprint.contentSha256(jar));
  }

  @Test
  void theClassPathFingerprintCountsPathspaceJarsAndPackageDirectoriesOnly() throws IOException {
    Path own = jar("lib/pathspace-api-0.1.0-SNAPSHOT.jar", List.copyOf(CODE.keySet()), CODE, "x", 5);
    Path other = jar("lib/guice-7.0.0.jar", List.copyOf(CODE.keySet()), CODE, "x", 5);
    Path classes = tmp.resolve("classes");
    Files.createDirectories(classes.resolve("dev/pathspace/api"));
    Files.writeString(classes.resolve("dev/pathspace/api/PathSampler.class"), "api");
    Path unrelated = tmp.resolve("data");
    Files.createDirectories(unrelated);
    Files.writeString(unrelated.resolve("big.csv"), "1,2,3");
    String cp = String.join(File.pathSeparator, own.toString(), other.toString(), classes.toString(),
        unrelated.toString(), tmp.resolve("missing.jar").toString());

    Map<String, Object> fp = CodeFingerprint.ofClassPath(cp);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sources = (List<Map<String, Object>>) fp.get("sources");
    assertThat(sources).extracting(s -> s.get("path"))
        .containsExactly(own.toAbsolutePath().toString(), classes.toAbsolutePath().toString());
    assertThat((String) fp.get("sha256")).hasSize(64);
    // the combined hash does not depend on the class-path order, and changes with any source
    String reversed = String.join(File.pathSeparator, classes.toString(), own.toString());
    assertThat(CodeFingerprint.ofClassPath(reversed).get("sha256")).isEqualTo(fp.get("sha256"));
    Files.writeString(classes.resolve("dev/pathspace/api/PathSampler.class"), "api2");
    assertThat(CodeFingerprint.ofClassPath(cp).get("sha256")).isNotEqualTo(fp.get("sha256"));
  }

  @Test
  void noPathspaceCodeOnTheClassPathIsStatedNotHashed() throws IOException {
    Path other = jar("lib/guice-7.0.0.jar", List.copyOf(CODE.keySet()), CODE, "x", 5);
    Map<String, Object> fp = CodeFingerprint.ofClassPath(other.toString());
    assertThat(fp.get("sha256")).isNull();
    assertThat(fp.get("reason")).isEqualTo("no pathspace jar or class directory on the class path");
  }

  @Test
  void theCodeVersionNamesCommitDirtyAndFingerprint() {
    String sha = "0123456789abcdef".repeat(4);
    assertThat(Provenance.codeVersion("0.1.0", "abc", true, sha)).isEqualTo("0.1.0 git abc (dirty) code 0123456789ab");
    assertThat(Provenance.codeVersion("0.1.0", "abc", false, null)).isEqualTo("0.1.0 git abc");
    assertThat(Provenance.codeVersion("0.1.0", null, false, sha)).isEqualTo("0.1.0 code 0123456789ab");
  }

  @Test
  void aRunsProvenanceRecordsTheFingerprintOfTheCodeItRuns() {
    Map<String, Object> prov = Provenance.start(List.of("run"), tmp, null, Map.of(), 1, Map.of(), Map.of(),
        Instant.EPOCH);
    @SuppressWarnings("unchecked")
    Map<String, Object> code = (Map<String, Object>) prov.get("code");
    // this test runs from the module's class directories (or jars), which hold dev.pathspace code
    assertThat((String) code.get("sha256")).hasSize(64);
    assertThat(code.get("sha256"))
        .isEqualTo(CodeFingerprint.ofClassPath(System.getProperty("java.class.path")).get("sha256"));
  }

  @Test
  void collectTellsTwoRunsOfOneDirtyCommitApartByTheirFingerprints() throws IOException {
    String a = "{\"pathspace_version\": \"0.1.0\", \"git\": {\"commit\": \"abc\", \"dirty\": true},"
        + " \"code\": {\"sha256\": \"" + "a".repeat(64) + "\"}}";
    String b = a.replace("a".repeat(64), "b".repeat(64));
    Path ra = Files.createDirectories(tmp.resolve("run-a"));
    Path rb = Files.createDirectories(tmp.resolve("run-b"));
    Path old = Files.createDirectories(tmp.resolve("run-old"));
    Files.writeString(ra.resolve("provenance.json"), a);
    Files.writeString(rb.resolve("provenance.json"), b);
    Files.writeString(old.resolve("provenance.json"), "{\"pathspace_version\": \"0.1.0\", \"git\": {\"commit\": \"abc\"}}");

    assertThat(dev.pathspace.experiments.sweep.RunProvenance.read(ra).codeVersion())
        .isEqualTo("0.1.0 git abc (dirty) code aaaaaaaaaaaa");
    assertThat(dev.pathspace.experiments.sweep.RunProvenance.read(rb).codeVersion())
        .isEqualTo("0.1.0 git abc (dirty) code bbbbbbbbbbbb");
    assertThat(dev.pathspace.experiments.sweep.RunProvenance.read(old).codeVersion()).isEqualTo("0.1.0 git abc");
  }
}
