package dev.pathspace.divergences;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.registry.ComponentSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DivergencesModuleTest {
  @Test
  void registersTheFiveDivergencesWithInstantiableDefaults() throws Exception {
    Map<String, ComponentSpec<PathDivergence>> map =
        Guice.createInjector(new DivergencesModule())
            .getInstance(Key.get(new TypeLiteral<Map<String, ComponentSpec<PathDivergence>>>() {}));
    assertThat(map).containsOnlyKeys("reverse-kl", "log-variance", "log-variance-traj", "moment", "cross-entropy");
    for (Map.Entry<String, ComponentSpec<PathDivergence>> e : map.entrySet()) {
      ComponentSpec<PathDivergence> spec = e.getValue();
      assertThat(spec.description()).isNotBlank();
      Object params = spec.params().getMethod("defaults").invoke(null);
      PathDivergence d = spec.impl().getConstructor(spec.params()).newInstance(params);
      assertThat(d.id()).isEqualTo(e.getKey());
      assertThat(spec.params().getRecordComponents()).isNotEmpty();
    }
  }
}
