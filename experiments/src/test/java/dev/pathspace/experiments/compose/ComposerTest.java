package dev.pathspace.experiments.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.registry.ComponentKind;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.fakes.FakePis;
import dev.pathspace.experiments.fakes.Fakes;
import dev.pathspace.experiments.fakes.GmmFake;
import dev.pathspace.experiments.fakes.MomentFake;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registry loading, per-run child injectors and the registry description used by {@code pathspace list}. */
class ComposerTest {
  private final PluginRegistry registry = Fakes.registry();

  @Test
  void composesTheConfiguredImplementationsWithTheirParams() {
    RunComponents c = new RunPlanner(registry).plan(null,
        List.of("sampler=pis", "sampler.width=17", "divergence=moment", "divergence.learnOffset=false",
            "target.dim=3")).components();
    assertThat(c.sampler()).isInstanceOf(FakePis.class);
    assertThat(((FakePis) c.sampler()).params).isEqualTo(new FakePis.Params(17, 1.0));
    assertThat(((MomentFake) c.divergence()).params.learnOffset()).isFalse();
    assertThat(c.schedule().id()).isEqualTo("brownian");
    assertThat(c.target()).isInstanceOf(GmmFake.class);
    assertThat(c.target().dim()).isEqualTo(3);
  }

  @Test
  void emptyParamsRecordsWorkAndEachRunGetsFreshInstances() {
    RunPlanner planner = new RunPlanner(registry);
    RunComponents a = planner.plan(null, List.of("divergence=reverse-kl")).components();
    RunComponents b = planner.plan(null, List.of("divergence=reverse-kl")).components();
    assertThat(a.divergence().id()).isEqualTo("reverse-kl");
    assertThat(a.sampler()).isNotSameAs(b.sampler());
  }

  @Test
  void registriesAreSortedAndDescribed() {
    assertThat(registry.options(ComponentKind.DIVERGENCE).keySet()).containsExactly("log-variance", "moment", "reverse-kl");
    List<ComponentInfo> infos = registry.describe();
    assertThat(infos).extracting(ComponentInfo::key)
        .containsExactly("dis", "pis", "log-variance", "moment", "reverse-kl", "brownian", "vp", "gmm");
    ComponentInfo gmm = infos.get(infos.size() - 1);
    assertThat(gmm.description()).isEqualTo("fake Gaussian mixture");
    assertThat(gmm.params()).extracting(ParamInfo::name)
        .containsExactly("dim", "modes", "radius", "std", "layout", "weights");
    assertThat(gmm.params().get(0)).isEqualTo(new ParamInfo("dim", "int", 2));
    assertThat(gmm.params().get(4).type()).isEqualTo("RING|GRID");
    assertThat(gmm.params().get(5).type()).isEqualTo("List<Double>");
  }

  @Test
  void serviceLoaderDiscoversPluginModules() {
    // src/test/resources/META-INF/services/com.google.inject.Module lists DiscoverableFakeModule
    PluginRegistry discovered = PluginRegistry.discover();
    assertThat(discovered.options(ComponentKind.TARGET)).containsKey("fake-discovered");
  }
}
