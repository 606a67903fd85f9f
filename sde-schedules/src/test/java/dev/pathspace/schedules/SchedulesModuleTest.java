package dev.pathspace.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.registry.ComponentSpec;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulesModuleTest {
  @Test
  void registersTheFourSchedulesWithInstantiableDefaults() throws Exception {
    Map<String, ComponentSpec<SdeSchedule>> map =
        Guice.createInjector(new SchedulesModule())
            .getInstance(Key.get(new TypeLiteral<Map<String, ComponentSpec<SdeSchedule>>>() {}));
    assertThat(map).containsOnlyKeys("vp-linear", "vp-cosine", "const-ou", "brownian");
    for (Map.Entry<String, ComponentSpec<SdeSchedule>> e : map.entrySet()) {
      ComponentSpec<SdeSchedule> spec = e.getValue();
      assertThat(spec.description()).isNotBlank();
      Method defaults = spec.params().getMethod("defaults");
      Object params = defaults.invoke(null);
      SdeSchedule s = spec.impl().getConstructor(spec.params()).newInstance(params);
      assertThat(s.id()).isEqualTo(e.getKey());
      assertThat(spec.params().getRecordComponents()).extracting(c -> c.getName()).contains("terminalTime", "grid");
    }
  }
}
