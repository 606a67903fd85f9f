package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.output.SampleFiles;
import dev.pathspace.experiments.output.SavedModelSampler;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code pathspace sample} draws from the SavedModel without model-building code: the constant pools of
 * its classes reference no samplers/targets/schedules/divergences/api/engine/compose class.
 */
class SampleCodePathTest {
  @Test
  void sampleClassesDoNotReferenceModelBuildingCode() throws Exception {
    for (Class<?> c : List.of(SampleCommand.class, SavedModelSampler.class, SavedModelSampler.Draw.class,
        SampleFiles.class)) {
      String bytes;
      try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
        bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      }
      assertThat(bytes).as(c.getName()).doesNotContain(
          "dev/pathspace/samplers", "dev/pathspace/targets", "dev/pathspace/schedules",
          "dev/pathspace/divergences", "dev/pathspace/experiments/engine", "dev/pathspace/experiments/compose",
          "dev/pathspace/experiments/config", "dev/pathspace/api/Path", "dev/pathspace/api/tf");
    }
  }
}
