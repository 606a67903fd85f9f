package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collect --baseline: parsing and validation of KEY=VALUE, matching configurations, hand-computed differences. */
class BaselineComparisonTest {
  @TempDir Path tmp;
  private static final Function<ResultTable.Group, RunProvenance.Sweep> NO_SWEEP = g -> null;

  private Path run(String name, String sampler, String divergence, String target, int seed, String metrics)
      throws Exception {
    Path d = tmp.resolve("runs").resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("config.yaml"), """
        sampler: {type: %s}
        divergence: {type: %s}
        target: {type: %s, dim: 2}
        seed: %d
        """.formatted(sampler, divergence, target, seed));
    Files.writeString(d.resolve("summary.json"), "{\"seed\": " + seed + ", " + metrics + "}\n");
    return d;
  }

  private ResultTable table() {
    return ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs"))));
  }

  /** dis on gmm with both divergences (3 and 2 seeds), pis without its baseline, funnel with one seed each. */
  private void fixture() throws Exception {
    run("a1", "dis", "reverse-kl", "gmm", 1, "\"log_z_error\": 1.0, \"ess\": 0.2");
    run("a2", "dis", "reverse-kl", "gmm", 2, "\"log_z_error\": 2.0, \"ess\": 0.4");
    run("a3", "dis", "reverse-kl", "gmm", 3, "\"log_z_error\": 3.0, \"ess\": 0.6");
    run("b1", "dis", "log-variance", "gmm", 1, "\"log_z_error\": 0.5, \"ess\": 0.9");
    run("b2", "dis", "log-variance", "gmm", 2, "\"log_z_error\": 0.7, \"ess\": 0.7");
    run("c1", "pis", "log-variance", "gmm", 1, "\"log_z_error\": 0.1");
    run("d1", "dis", "reverse-kl", "funnel", 1, "\"log_z_error\": 4.0");
    run("e1", "dis", "log-variance", "funnel", 1, "\"log_z_error\": 3.5");
  }

  @Test
  void differencesOfMeansWithTheirStandardErrorAndNormalInterval() throws Exception {
    fixture();
    ResultTable t = table();
    BaselineComparison cmp = BaselineComparison.of(t, BaselineComparison.Spec.parse("divergence=reverse-kl"), NO_SWEEP);
    assertThat(cmp.rows()).extracting(r -> r.other().config().get("target") + "/" + r.metric())
        .containsExactly("gmm/log_z_error", "gmm/ess", "funnel/log_z_error");
    BaselineComparison.Row err = cmp.rows().get(0);
    assertThat(err.baseline().config().get("divergence")).isEqualTo("reverse-kl");
    assertThat(err.baseline().config().get("sampler")).isEqualTo("dis");
    // baseline 1, 2, 3: mean 2, sd 1, se 1/√3; other 0.5, 0.7: mean 0.6, sd √0.02, se 0.1
    assertThat(err.difference()).isCloseTo(-1.4, within(1e-12));
    double se = Math.sqrt(1.0 / 3 + 0.01);
    assertThat(err.se()).isCloseTo(se, within(1e-12));
    assertThat(err.lo()).isCloseTo(-1.4 - 1.959963984540054 * se, within(1e-12));
    assertThat(err.hi()).isCloseTo(-1.4 + 1.959963984540054 * se, within(1e-12)); // -0.2516: the interval excludes 0
    BaselineComparison.Row ess = cmp.rows().get(1);
    assertThat(ess.difference()).isCloseTo(0.8 - 0.4, within(1e-12)); // means 0.8 and 0.4
    assertThat(ess.se()).isCloseTo(Math.sqrt(0.04 / 3 + 0.01), within(1e-12)); // sd 0.2 (n 3), sd √0.02 (n 2)
    BaselineComparison.Row funnel = cmp.rows().get(2);
    assertThat(funnel.difference()).isCloseTo(-0.5, within(1e-12));
    assertThat(funnel.se()).isNaN(); // one seed each: no standard error, no interval
    assertThat(BaselineComparison.interval(funnel)).isEqualTo("unavailable (n < 2)");
    // pis has no reverse-kl run: listed, not compared with dis
    assertThat(cmp.withoutBaseline()).extracting(g -> g.config().get("sampler")).containsExactly("pis");

    String md = cmp.markdown(t.shown(), NO_SWEEP);
    assertThat(md).contains("## Relative to the baseline divergence=reverse-kl")
        .contains("| sampler | divergence | target | metric | baseline: mean ± se (n) | mean ± se (n) | difference | se | 95 % interval |")
        .contains("| dis | log-variance | gmm | log_z_error | 2.000 ± 0.5774 (3) | 0.6000 ± 0.1000 (2) | -1.400 | 0.5859 | [-2.548, -0.2516] |")
        .contains("| dis | log-variance | funnel | log_z_error | 4.000 (1) | 3.500 (1) | -0.5000 | – | unavailable (n < 2) |")
        .contains("normal approximation")
        .contains("- sampler=pis, divergence=log-variance, target=gmm");
    List<String> csv = cmp.csv(t.shown(), NO_SWEEP).lines().toList();
    assertThat(csv.get(0)).isEqualTo("sampler,divergence,target,metric,baseline_mean,baseline_se,baseline_n,mean,se,n,"
        + "difference,difference_se,ci95_lo,ci95_hi");
    assertThat(csv).hasSize(4);
    String[] c = csv.get(1).split(",");
    assertThat(Double.parseDouble(c[10])).isCloseTo(-1.4, within(1e-12));
    assertThat(Double.parseDouble(c[12])).isCloseTo(-1.4 - 1.959963984540054 * se, within(1e-12));
    assertThat(csv.get(3)).endsWith(",-0.5,,,"); // no se, no interval with one seed
  }

  @Test
  void malformedUnknownOrAbsentBaselinesAreClearErrorsNamingTheValidChoices() throws Exception {
    for (String bad : new String[] {"divergence", "=reverse-kl", "divergence=", " divergence=x"}) {
      assertThatThrownBy(() -> BaselineComparison.Spec.parse(bad)).isInstanceOf(ConfigException.class)
          .hasMessageContaining("--baseline '" + bad + "' is malformed: expected KEY=VALUE");
    }
    fixture();
    ResultTable t = table();
    assertThatThrownBy(() -> BaselineComparison.of(t, BaselineComparison.Spec.parse("loss=kl"), NO_SWEEP))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--baseline 'loss=kl': 'loss' is not a key that differs between the configurations; valid keys"
            + " (values): sampler (dis, pis); divergence (reverse-kl, log-variance); target (gmm, funnel)");
    assertThatThrownBy(() -> BaselineComparison.of(t, BaselineComparison.Spec.parse("seed=1"), NO_SWEEP))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'seed' is not a key that differs");
    assertThatThrownBy(() -> BaselineComparison.of(t, BaselineComparison.Spec.parse("divergence=moment"), NO_SWEEP))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--baseline 'divergence=moment': no configuration has divergence=moment; divergence takes:"
            + " reverse-kl, log-variance");
  }

  @Test
  void anOptionAxisOfASweepIsABaselineKeyMatchedOnTheOtherGridEntries() throws Exception {
    // loss=kl and loss=lv bundle divergence and train.batch: the configs differ in two keys, the points in one
    String[][] points = {{"kl", "reverse-kl", "1", "1.0"}, {"kl", "reverse-kl", "2", "2.0"},
        {"lv", "log-variance", "1", "0.25"}, {"lv", "log-variance", "2", "0.75"}};
    for (String[] p : points) {
      Path d = run("loss=" + p[0] + "_seed=" + p[2], "dis", p[1], "gmm", Integer.parseInt(p[2]),
          "\"log_z_error\": " + p[3]);
      Files.writeString(d.resolve("config.yaml"), Files.readString(d.resolve("config.yaml"))
          + "train: {batch: " + (p[0].equals("kl") ? 2048 : 128) + "}\n");
      Files.writeString(d.resolve("provenance.json"), """
          {"pathspace_version": "0.1.0", "sweep": {"file": "/w/s.yaml", "point": 0,
           "overrides": ["loss=%s", "seed=%s"]}}
          """.formatted(p[0], p[2]));
    }
    ResultTable t = table();
    assertThat(t.varying()).containsExactly("divergence", "train.batch");
    Function<ResultTable.Group, RunProvenance.Sweep> sweep = g -> RunProvenance.read(g.runs().get(0).dir()).sweep();
    // by the config key alone nothing matches: train.batch differs too
    BaselineComparison byDivergence = BaselineComparison.of(t, BaselineComparison.Spec.parse("divergence=reverse-kl"), sweep);
    assertThat(byDivergence.rows()).isEmpty();
    assertThat(byDivergence.withoutBaseline()).hasSize(1);
    BaselineComparison cmp = BaselineComparison.of(t, BaselineComparison.Spec.parse("loss=kl"), sweep);
    assertThat(cmp.rows()).hasSize(1);
    assertThat(cmp.rows().get(0).difference()).isCloseTo(0.5 - 1.5, within(1e-12));
    assertThat(cmp.rows().get(0).se()).isCloseTo(Math.sqrt(0.25 + 0.0625), within(1e-12)); // se 0.5 and 0.25
    assertThat(cmp.markdown(t.shown(), sweep)).contains("| divergence | loss | metric |")
        .contains("| log-variance | lv | log_z_error | 1.500 ± 0.5000 (2) | 0.5000 ± 0.2500 (2) | -1.000 |");
    assertThatThrownBy(() -> BaselineComparison.of(t, BaselineComparison.Spec.parse("loss=xx"), sweep))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no configuration has loss=xx; loss takes: kl, lv");
  }
}
