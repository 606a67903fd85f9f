package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dot-and-interval figure data: one figure per metric and target, seed dots, mean ± se intervals. */
class DotIntervalDataTest {
  private static CollectedRun run(String divergence, String target, int seed, double err) {
    Map<String, String> cfg = new LinkedHashMap<>();
    cfg.put("sampler", "dis");
    cfg.put("divergence", divergence);
    cfg.put("target", target);
    cfg.put("seed", Integer.toString(seed));
    return new CollectedRun(Path.of("/runs/" + divergence + target + seed), cfg, Map.of("log_z_error", err));
  }

  @Test
  void oneFigurePerMetricAndTargetWithSeedDotsAndMeanPlusMinusStandardError() {
    List<CollectedRun> runs = new ArrayList<>();
    runs.add(run("log-variance", "gmm", 1, 0.1));
    runs.add(run("log-variance", "gmm", 2, 0.2));
    runs.add(run("log-variance", "gmm", 3, 0.6));
    runs.add(run("reverse-kl", "gmm", 1, 1.0));
    runs.add(run("reverse-kl", "funnel", 1, 2.0));
    List<DotIntervalData> figs = DotIntervalData.of(ResultTable.of(runs));

    assertThat(figs).extracting(DotIntervalData::metric).containsExactly("log_z_error", "log_z_error");
    assertThat(figs).extracting(DotIntervalData::target).containsExactly("target=gmm", "target=funnel");
    DotIntervalData gmm = figs.get(0);
    assertThat(gmm.rows()).extracting(DotIntervalData.Row::label)
        .containsExactly("divergence=log-variance", "divergence=reverse-kl");
    DotIntervalData.Row lv = gmm.rows().get(0);
    assertThat(lv.seeds()).containsExactly("1", "2", "3");
    assertThat(lv.values()).containsExactly(0.1, 0.2, 0.6);
    // mean 0.3; sample sd sqrt(((0.2)^2 + 0.1^2 + 0.3^2) / 2) = sqrt(0.07); se = sqrt(0.07 / 3)
    double se = Math.sqrt(0.07 / 3);
    assertThat(lv.mean()).isCloseTo(0.3, within(1e-12));
    assertThat(lv.lo()).isCloseTo(0.3 - se, within(1e-12));
    assertThat(lv.hi()).isCloseTo(0.3 + se, within(1e-12));
    DotIntervalData.Row rkl = gmm.rows().get(1);
    assertThat(rkl.values()).containsExactly(1.0);
    assertThat(rkl.lo()).isNaN(); // one seed: a dot, no interval
    assertThat(figs.get(1).rows()).extracting(DotIntervalData.Row::label).containsExactly("divergence=reverse-kl");
  }
}
