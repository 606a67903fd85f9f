package dev.pathspace.experiments.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
  /** A module the test jars list (its class is on the test class path, below the plug-in loader). */
  public static final class NoopModule extends AbstractModule {}

  @TempDir Path dir;

  private Path jar(String name, String services, String apiVersion) throws IOException {
    Path p = dir.resolve(name);
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (apiVersion != null) {
      mf.getMainAttributes().putValue("Pathspace-Api-Version", apiVersion);
    }
    try (OutputStream os = Files.newOutputStream(p); JarOutputStream jos = new JarOutputStream(os, mf)) {
      if (services != null) {
        jos.putNextEntry(new JarEntry("META-INF/services/com.google.inject.Module"));
        jos.write(services.getBytes(StandardCharsets.UTF_8));
        jos.closeEntry();
      }
    }
    return p;
  }

  @Test
  void loadsAJarRecordsItsHashAndInstantiatesItsModules() throws Exception {
    Path j = jar("a.jar", "# comment\n" + NoopModule.class.getName() + "\n", "0.1.0");
    LoadedPlugins lp = new PluginLoader("0.1.0-SNAPSHOT").load(List.of(j));
    assertThat(lp.jars()).hasSize(1);
    PluginJar pj = lp.jars().get(0);
    assertThat(pj.path()).isEqualTo(j.toAbsolutePath());
    assertThat(pj.size()).isEqualTo(Files.size(j));
    assertThat(pj.sha256()).isEqualTo(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(j))));
    assertThat(pj.apiVersion()).isEqualTo("0.1.0");
    assertThat(pj.moduleClasses()).containsExactly(NoopModule.class.getName());
    assertThat(lp.modules()).hasSize(1);
    assertThat(lp.modules().keySet().iterator().next()).isInstanceOf(NoopModule.class);
  }

  @Test
  void aDirectoryLoadsItsJarsInNameOrder() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("plugins"));
    Files.move(jar("b.jar", NoopModule.class.getName(), null), sub.resolve("b.jar"));
    Files.move(jar("a.jar", NoopModule.class.getName(), null), sub.resolve("a.jar"));
    Files.writeString(sub.resolve("notes.txt"), "ignored");
    LoadedPlugins lp = new PluginLoader("0.1.0").load(List.of(sub));
    assertThat(lp.jars()).extracting(x -> x.path().getFileName().toString()).containsExactly("a.jar", "b.jar");
  }

  @Test
  void clearErrorsForMissingPathsJarsWithoutModulesAndOtherApiVersions() throws Exception {
    PluginLoader loader = new PluginLoader("0.1.0-SNAPSHOT");
    assertThatThrownBy(() -> loader.load(List.of(dir.resolve("missing.jar"))))
        .isInstanceOf(PluginException.class).hasMessageContaining("missing.jar does not exist")
        .hasMessageContaining("PATHSPACE_PLUGINS");
    Path empty = jar("empty.jar", null, null);
    assertThatThrownBy(() -> loader.load(List.of(empty)))
        .isInstanceOf(PluginException.class).hasMessageContaining("registers no Guice module");
    Path old = jar("old.jar", NoopModule.class.getName(), "0.0.3");
    assertThatThrownBy(() -> loader.load(List.of(old)))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("built against pathspace-api 0.0.3, but this pathspace has api 0.1.0-SNAPSHOT");
    Path ghost = jar("ghost.jar", "org.example.NoSuchModule", null);
    assertThatThrownBy(() -> loader.load(List.of(ghost)))
        .isInstanceOf(PluginException.class).hasMessageContaining("org.example.NoSuchModule, which is not in the jar");
    Path notModule = jar("bad.jar", String.class.getName(), null);
    assertThatThrownBy(() -> loader.load(List.of(notModule)))
        .isInstanceOf(PluginException.class).hasMessageContaining("is not one");
    Path emptyDir = Files.createDirectory(dir.resolve("nothing"));
    assertThatThrownBy(() -> loader.load(List.of(emptyDir)))
        .isInstanceOf(PluginException.class).hasMessageContaining("contains no .jar file");
  }

  @Test
  void optionsComeFirstThenTheEnvironmentVariable() {
    String sep = java.io.File.pathSeparator;
    assertThat(PluginLoader.requested(List.of(Path.of("x.jar")), Optional.of("a.jar" + sep + " " + sep + "b")))
        .containsExactly(Path.of("x.jar"), Path.of("a.jar"), Path.of("b"));
    assertThat(PluginLoader.requested(List.of(), Optional.empty())).isEmpty();
    assertThat(new PluginLoader("1.0").load(List.of()).jars()).isEmpty();
  }
}
