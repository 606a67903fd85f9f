package dev.pathspace.samplers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.registry.ComponentSpec;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplersModuleTest {
  @Test
  void registersEverySamplerWithDefaultsAndAMatchingId() throws Exception {
    Map<String, ComponentSpec<PathSampler>> registry =
        Guice.createInjector(new SamplersModule())
            .getInstance(Key.get(new TypeLiteral<Map<String, ComponentSpec<PathSampler>>>() {}));
    assertThat(registry).containsOnlyKeys("dis", "pis", "dds", "bridge", "langevin");
    for (Map.Entry<String, ComponentSpec<PathSampler>> e : registry.entrySet()) {
      ComponentSpec<PathSampler> spec = e.getValue();
      assertThat(spec.description()).isNotBlank();
      Method defaults = spec.params().getMethod("defaults");
      Object params = defaults.invoke(null);
      PathSampler sampler = spec.impl().getConstructor(spec.params()).newInstance(params);
      assertThat(sampler.id()).isEqualTo(e.getKey());
      assertThat(sampler.defaultSchedule().key()).isIn("vp-linear", "brownian");
    }
  }
}
