package dev.pathspace.experiments.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every parameter of every built-in component carries a {@code @Describe} text, which {@code list} shows. */
class ParameterDescriptionsTest {
  @Test
  void everyBuiltInParameterIsDescribed() {
    List<String> missing = new ArrayList<>();
    int count = 0;
    for (ComponentInfo c : PluginRegistry.discover().describe()) {
      if (c.key().startsWith("fake-")) {
        continue; // the test sources' own discoverable fake (experiments/src/test/resources/META-INF/services)
      }
      for (ParamInfo p : c.params()) {
        count++;
        if (p.description().isBlank()) {
          missing.add(c.kind().key() + " '" + c.key() + "': " + p.name());
        }
      }
    }
    assertThat(count).as("parameters found").isGreaterThan(50);
    assertThat(missing).as("parameters without @Describe").isEmpty();
  }
}
