package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.ConfigYaml;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Grid expansion order, directory names, shard assignment and environment detection. */
class SweepPlanTest {
  private static SweepSpec parse(String yaml) throws Exception {
    return SweepSpec.parse(ConfigYaml.mapper().readTree(yaml));
  }

  @Test
  void expandsInFileOrderWithTheLastKeyFastest() throws Exception {
    SweepSpec spec = parse("""
        preset: ref-dis
        base: {target: gmm, train: {steps: 300, batch: 256}}
        grid:
          sampler: [dis, pis]
          divergence: [reverse-kl, log-variance, moment]
          seed: [1, 2]
        """);
    assertThat(spec.presets()).containsExactly("ref-dis");
    assertThat(spec.base()).containsExactly("target=gmm", "train.steps=300", "train.batch=256");
    List<SweepPoint> pts = SweepPlan.expand(spec);
    assertThat(pts).hasSize(12);
    assertThat(pts.get(0).overrides()).containsExactly("sampler=dis", "divergence=reverse-kl", "seed=1");
    assertThat(pts.get(1).overrides()).containsExactly("sampler=dis", "divergence=reverse-kl", "seed=2");
    assertThat(pts.get(2).overrides()).containsExactly("sampler=dis", "divergence=log-variance", "seed=1");
    assertThat(pts.get(6).overrides()).containsExactly("sampler=pis", "divergence=reverse-kl", "seed=1");
    assertThat(pts.get(11).name()).isEqualTo("sampler=pis_divergence=moment_seed=2");
    assertThat(pts).extracting(SweepPoint::index).containsExactlyElementsOf(IntStream.range(0, 12).boxed().toList());
    assertThat(pts.stream().map(SweepPoint::name).distinct().count()).isEqualTo(12);
    // deterministic: the same file gives the same plan
    assertThat(SweepPlan.expand(spec)).isEqualTo(pts);
  }

  @Test
  void namesAreSanitisedShortenedAndMadeUnique() throws Exception {
    List<SweepPoint> pts = SweepPlan.expand(parse("""
        grid:
          target.covariance: ["[1, 0.5]", "[1/0.5]"]
          note: ["a b", "a/b"]
        """));
    // "[1, 0.5]" and "[1/0.5]" sanitise differently; "a b" and "a/b" both become "a-b"
    assertThat(pts).extracting(SweepPoint::name).allMatch(n -> n.matches("[A-Za-z0-9._=+\\-]+"));
    assertThat(pts.stream().map(SweepPoint::name).distinct().count()).isEqualTo(4);
    assertThat(pts.get(0).name()).startsWith("target.covariance=-1--0.5-_note=a-b-").hasSize(44);
    String longValue = "x".repeat(300);
    SweepPoint p = SweepPlan.expand(parse("grid: {k: [" + longValue + "]}")).get(0);
    assertThat(p.name()).hasSize(SweepPlan.MAX_NAME).endsWith("-" + SweepPlan.hash(List.of("k=" + longValue)));
    assertThat(SweepPlan.expand(parse("base: [seed=3]")).get(0).name()).isEqualTo("base");
  }

  @Test
  void optionAxesExpandLabelsAndPresetEntriesBecomePresets() throws Exception {
    SweepSpec spec = parse("""
        preset: smoke
        base: {train.steps: 10}
        grid:
          sampler: [pis, dis]
          loss: [kl, lv]
          seed: [1]
        options:
          sampler:
            pis: {preset: ref-pis}
            dis: {preset: ref-dis, sampler.width: 32}
          loss:
            kl: {divergence: reverse-kl, train: {batch: 2048}}
            lv: {divergence: log-variance-traj, divergence.trajectoriesPerSample: 16}
        """);
    List<SweepPoint> pts = SweepPlan.expand(spec);
    assertThat(pts).hasSize(4);
    assertThat(pts.get(0).name()).isEqualTo("sampler=pis_loss=kl_seed=1"); // names use the labels
    SweepSpec.Resolved first = spec.resolve(pts.get(0));
    assertThat(first.presets()).containsExactly("smoke", "ref-pis");
    assertThat(first.overrides()).containsExactly("divergence=reverse-kl", "train.batch=2048", "seed=1");
    SweepSpec.Resolved last = spec.resolve(pts.get(3));
    assertThat(last.presets()).containsExactly("smoke", "ref-dis");
    assertThat(last.overrides()).containsExactly("sampler.width=32", "divergence=log-variance-traj",
        "divergence.trajectoriesPerSample=16", "seed=1");
    // a plain grid key 'preset' selects a preset per point too
    SweepSpec plain = parse("grid: {preset: [ref-dis, ref-pis], seed: [1]}");
    SweepPoint p = SweepPlan.expand(plain).get(1);
    assertThat(plain.resolve(p)).isEqualTo(new SweepSpec.Resolved(List.of("ref-pis"), List.of("seed=1")));
  }

  @Test
  void overridesRulesApplyToMatchingPointsAsOneMoreLayer() throws Exception {
    SweepSpec spec = parse("""
        grid:
          sampler: [pis, bridge]
          loss: [kl, lv]
        options:
          loss:
            kl: {divergence: reverse-kl}
            lv: {divergence: log-variance-traj, divergence.trajectoriesPerSample: 16}
        overrides:
          - when: {sampler: bridge, loss: lv}
            set: {divergence: log-variance, train: {batch: 256}}
          - when: {loss: [kl, lv], sampler: bridge}
            set: {train.lr: 0.001}
        """);
    List<SweepPoint> pts = SweepPlan.expand(spec);
    assertThat(pts).extracting(SweepPoint::name).containsExactly(
        "sampler=pis_loss=kl", "sampler=pis_loss=lv", "sampler=bridge_loss=kl", "sampler=bridge_loss=lv");
    assertThat(spec.resolve(pts.get(0)).ruled()).isEmpty();
    assertThat(spec.resolve(pts.get(1)).ruled()).isEmpty(); // the lv label alone does not match rule 0
    assertThat(spec.resolve(pts.get(2)).ruled()).containsExactly("train.lr=0.001");
    SweepSpec.Resolved bridgeLv = spec.resolve(pts.get(3));
    assertThat(bridgeLv.overrides()).containsExactly("sampler=bridge", "divergence=log-variance-traj",
        "divergence.trajectoriesPerSample=16");
    assertThat(bridgeLv.ruled()).containsExactly("divergence=log-variance", "train.batch=256", "train.lr=0.001");
    assertThat(bridgeLv.layers()).containsExactly(bridgeLv.overrides(), bridgeLv.ruled());
    assertThat(spec.resolve(pts.get(0)).layers()).hasSize(1);
  }

  @Test
  void overridesRuleErrorsNameTheRuleAndTheValidValues() {
    String grid = "grid: {sampler: [pis, bridge], loss: [kl]}\n";
    assertThatThrownBy(() -> parse(grid + "overrides: [{when: {sampler: brige}, set: {train.lr: 0.1}}]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Invalid overrides[0].when.sampler 'brige': not a value of grid key 'sampler';"
            + " valid values: [pis, bridge]");
    assertThatThrownBy(() -> parse(grid + "overrides: [{when: {sampler: pis}, set: {a: 1}}, {when: {seed: 1}, set: {a: 1}}]"))
        .hasMessageContaining("overrides[1].when.seed is not a grid key; grid keys: [sampler, loss]");
    assertThatThrownBy(() -> parse(grid + "overrides: [{when: {sampler: pis}}]"))
        .hasMessageContaining("overrides[0].set must be a non-empty mapping");
    assertThatThrownBy(() -> parse(grid + "overrides: [{when: {sampler: pis}, set: {a: 1}, unless: {}}]"))
        .hasMessageContaining("Unknown key overrides[0].unless; valid keys: [set, when]");
    assertThatThrownBy(() -> parse(grid + "overrides: [{when: {sampler: pis}, set: {preset: ref-pis}}]"))
        .hasMessageContaining("overrides[0].set cannot choose a preset");
    assertThatThrownBy(() -> parse(grid + "overrides: {when: {sampler: pis}}"))
        .hasMessageContaining("Invalid overrides");
  }

  @Test
  void optionErrorsNameTheKeyAndTheValidLabels() {
    assertThatThrownBy(() -> parse("grid: {loss: [kl, lx]}\noptions: {loss: {kl: {divergence: reverse-kl}}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Grid key 'loss' has value 'lx', which options.loss does not define; valid labels: [kl]");
    assertThatThrownBy(() -> parse("grid: {loss: [kl]}\noptions: {los: {kl: {divergence: reverse-kl}}}"))
        .hasMessageContaining("options.los is not a grid key; grid keys: [loss]");
    assertThatThrownBy(() -> parse("grid: {loss: [kl]}\noptions: {loss: {kl: reverse-kl}}"))
        .hasMessageContaining("Invalid options.loss.kl 'reverse-kl': expected a mapping of overrides");
  }

  @Test
  void structureErrorsAreConfigErrors() {
    assertThatThrownBy(() -> parse("gird: {a: [1]}")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown sweep key 'gird'");
    assertThatThrownBy(() -> parse("grid: {seed: []}")).hasMessageContaining("Grid key 'seed' has no values");
    assertThatThrownBy(() -> parse("grid: {seed: [1, 1]}")).hasMessageContaining("repeats a value");
    assertThatThrownBy(() -> parse("base: [steps]")).hasMessageContaining("expected key=value");
  }

  @Test
  void shardsPartitionThePointsByIndexModuloCount() throws Exception {
    List<SweepPoint> pts = SweepPlan.expand(parse("grid: {a: [1, 2, 3, 4, 5], b: [x, y]}"));
    int total = 0;
    for (int i = 0; i < 4; i++) {
      Sharding s = new Sharding(i, 4, "test");
      int shard = i;
      List<SweepPoint> mine = pts.stream().filter(p -> p.belongsTo(s)).toList();
      assertThat(mine).allMatch(p -> p.index() % 4 == shard);
      total += mine.size();
    }
    assertThat(total).isEqualTo(10);
  }

  @Test
  void shardDetectionFromFlagsSlurmAndKubernetes() {
    assertThat(Sharding.resolve(null, null, Map.of())).isEqualTo(new Sharding(0, 1, "no sharding"));
    assertThat(Sharding.resolve(2, 4, Map.of("SLURM_ARRAY_TASK_ID", "0"))).extracting(Sharding::index).isEqualTo(2);
    // Slurm arrays may start at 1 (--array=1-4): the index is relative to SLURM_ARRAY_TASK_MIN
    Sharding slurm = Sharding.resolve(null, null,
        Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "4"));
    assertThat(slurm.index()).isEqualTo(3);
    assertThat(slurm.count()).isEqualTo(4);
    Sharding k8s = Sharding.resolve(null, 8, Map.of("JOB_COMPLETION_INDEX", "5"));
    assertThat(k8s.index()).isEqualTo(5);
    assertThat(k8s.source()).isEqualTo("Kubernetes Indexed Job");
    assertThat(Sharding.resolve(null, null, Map.of("JOB_COMPLETION_INDEX", "1", "PATHSPACE_NUM_SHARDS", "3")).count())
        .isEqualTo(3);
    assertThatThrownBy(() -> Sharding.resolve(null, null, Map.of("JOB_COMPLETION_INDEX", "1")))
        .hasMessageContaining("PATHSPACE_NUM_SHARDS");
    assertThatThrownBy(() -> Sharding.resolve(1, null, Map.of())).hasMessageContaining("--num-shards");
    assertThatThrownBy(() -> Sharding.resolve(null, 3, Map.of())).hasMessageContaining("--shard-index");
    assertThatThrownBy(() -> Sharding.resolve(null, null, Map.of("JOB_COMPLETION_INDEX", "x", "PATHSPACE_NUM_SHARDS", "2")))
        .hasMessageContaining("expected an integer");
    assertThatThrownBy(() -> Sharding.resolve(4, 4, Map.of())).hasMessageContaining("must be in [0, 3]");
  }
}
