package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collect --reference: parsing the published-numbers file, matching configurations, the differences. */
class ReferenceComparisonTest {
  @TempDir Path tmp;

  private void run(String name, String divergence, int seed, double err) throws Exception {
    FakeRuns.write(tmp.resolve("runs").resolve(name), divergence, seed, """
        {"sampler": "dis", "divergence": "%s", "dim": 2, "seed": %d, "train_steps": 100, "log_z_error": %s}
        """.formatted(divergence, seed, err));
  }

  @Test
  void comparesOurMedianWithEachMatchingPublishedNumber() throws Exception {
    run("a1", "log-variance", 1, 0.1);
    run("a2", "log-variance", 2, 0.5);
    run("a3", "log-variance", 3, 0.2);
    run("b1", "reverse-kl", 1, 1.0);
    run("b2", "reverse-kl", 2, 2.0);
    Path file = tmp.resolve("published.csv");
    Files.writeString(file, """
        # a comment
        sampler,divergence,target,metric,value,error,statistic,source
        dis,log-variance,gmm,log_z_error,0.05,0.01,median of 5 seeds,paper A Table 2
        dis,reverse-kl,,log_z_error,1.2,,median of 5 seeds,paper A Table 2
        pis,log-variance,gmm,log_z_error,0.3,0.1,median,paper A Table 2
        dis,log-variance,gmm,ess,0.9,,median,paper A Table 2
        """);
    PublishedNumbers published = PublishedNumbers.read(file);
    assertThat(published.entries()).hasSize(4);
    assertThat(published.entries().get(1).match()).doesNotContainKey("target"); // empty cell: any target
    assertThat(published.entries().get(1).error()).isNaN();

    ResultTable table = ResultTable.of(ResultTable.find(List.of(tmp.resolve("runs"))));
    ReferenceComparison cmp = ReferenceComparison.of(table, published);
    assertThat(cmp.rows()).hasSize(2);
    ReferenceComparison.Row lv = cmp.rows().get(0);
    assertThat(lv.ours().median()).isCloseTo(0.2, within(1e-12)); // middle of 0.1, 0.2, 0.5
    assertThat(lv.difference()).isCloseTo(0.15, within(1e-12));
    assertThat(cmp.rows().get(1).difference()).isCloseTo(1.5 - 1.2, within(1e-12)); // even n: (1+2)/2
    // pis has no runs; ess is not a metric of these runs: listed, not dropped
    assertThat(cmp.unmatched()).extracting(PublishedNumbers.Entry::metric).containsExactly("log_z_error", "ess");
    String md = cmp.markdown(table.shown());
    assertThat(md).contains("| log-variance | log_z_error | 0.2000 (3) | 0.2667 ± 0.1202 | 0.05000 ± 0.01000 | 0.1500 |")
        .contains("| reverse-kl | log_z_error | 1.500 (2) | 1.500 ± 0.5000 | 1.200 | 0.3000 |")
        .contains("Published numbers without a matching configuration (2)");
  }

  @Test
  void badFilesAreClearErrorsNamingLineAndColumn() throws Exception {
    Path file = tmp.resolve("bad.csv");
    Files.writeString(file, "sampler,metric,value,statistic,source\n");
    assertThatThrownBy(() -> PublishedNumbers.read(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("the header must end with metric,value,error,statistic,source");
    Files.writeString(file, "sampler,metric,value,error,statistic,source\ndis,log_z_error,abc,,median,x\n");
    assertThatThrownBy(() -> PublishedNumbers.read(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2: column value = 'abc' is not a finite number");
    Files.writeString(file, "sampler,metric,value,error,statistic,source\ndis,log_z_error,0.1\n");
    assertThatThrownBy(() -> PublishedNumbers.read(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2: 3 cells, the header has 6");
    assertThatThrownBy(() -> PublishedNumbers.read(tmp.resolve("missing.csv"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--reference").hasMessageContaining("cannot read");
  }
}
