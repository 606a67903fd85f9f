package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Types;
import dev.pathspace.api.Target;
import dev.pathspace.api.registry.ComponentSpec;
import dev.pathspace.api.registry.Components;
import java.lang.reflect.Constructor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsModuleTest {
  @SuppressWarnings("unchecked")
  private static Map<String, ComponentSpec<Target>> registry() {
    Injector inj = Guice.createInjector(new TargetsModule());
    TypeLiteral<?> map = TypeLiteral.get(
        Types.mapOf(String.class, Components.TARGET.getType()));
    return (Map<String, ComponentSpec<Target>>) inj.getInstance(Key.get(map));
  }

  @Test
  void registryHoldsExactlyTheTargets() {
    assertThat(registry().keySet()).containsExactlyInAnyOrder(
        "gaussian", "gmm", "funnel", "double-well", "many-well", "rings", "rosenbrock",
        "logistic-ionosphere", "logistic-sonar", "lgcp");
  }

  @Test
  void defaultsConstructEveryTarget() throws Exception {
    for (Map.Entry<String, ComponentSpec<Target>> e : registry().entrySet()) {
      ComponentSpec<Target> spec = e.getValue();
      assertThat(spec.description()).isNotBlank();
      assertThat(spec.params().getEnclosingClass()).isEqualTo(spec.impl());
      Object params = spec.params().getMethod("defaults").invoke(null);
      Constructor<? extends Target> c = spec.impl().getConstructor(spec.params());
      assertThat(c.isAnnotationPresent(jakarta.inject.Inject.class)).isTrue();
      Target t = c.newInstance(params);
      assertThat(t.id()).isEqualTo(e.getKey());
      int dim = (int) spec.params().getMethod("dim").invoke(params);
      assertThat(t.dim()).isEqualTo(dim);
      assertThat(t.domain().lower()).hasSize(dim);
      t.moments().ifPresent(m -> assertThat(m.std()).hasSize(dim));
      t.groundTruth().ifPresent(s -> assertThat(s.sample(4, 1)[0]).hasSize(dim));
    }
  }
}
