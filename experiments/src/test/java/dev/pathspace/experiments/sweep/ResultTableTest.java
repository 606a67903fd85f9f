package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collect on synthetic run directories: grouping, mean ± standard error, best marks, the three files. */
class ResultTableTest {
  @TempDir Path tmp;

  private void run(String name, String divergence, int seed, double err, double ess, String extra) throws Exception {
    Path d = tmp.resolve("runs").resolve(name);
    Files.createDirectories(d);
    Files.writeString(d.resolve("config.yaml"), """
        sampler: {type: dis, width: 64}
        divergence: {type: %s%s}
        target: {type: gmm, dim: 2}
        train: {steps: 100}
        seed: %d
        """.formatted(divergence, divergence.equals("moment") ? ", lrScale: 10.0" : "", seed));
    Files.writeString(d.resolve("summary.json"), """
        {"sampler": "dis", "divergence": "%s", "dim": 2, "seed": %d, "train_steps": 100,
         "log_z_error": %s, "ess": %s, "train_seconds": 2.0 %s}
        """.formatted(divergence, seed, err, ess, extra));
    Files.write(d.resolve("samples.png"), new byte[] {1});
  }

  @Test
  void groupsBySeedlessConfigWithMeanAndStandardError() throws Exception {
    run("a1", "log-variance", 1, 0.1, 0.8, "");
    run("a2", "log-variance", 2, 0.2, 0.9, "");
    run("a3", "log-variance", 3, 0.3, 0.7, "");
    run("b1", "moment", 1, 0.05, 0.5, ", \"mmd\": \"NaN\"");
    run("b2", "moment", 2, 0.07, 0.6, ", \"mmd\": 0.5");
    Files.createDirectories(tmp.resolve("runs/unfinished"));
    Files.writeString(tmp.resolve("runs/unfinished/config.yaml"), "seed: 1\n");

    List<CollectedRun> runs = ResultTable.find(List.of(tmp.resolve("runs")));
    assertThat(runs).hasSize(5);
    ResultTable t = ResultTable.of(runs);
    assertThat(t.varying()).containsExactly("divergence"); // divergence.lrScale exists only for moment
    assertThat(t.groups()).hasSize(2);
    ResultTable.Group lv = t.groups().get(0);
    assertThat(lv.runs()).extracting(CollectedRun::seed).containsExactly("1", "2", "3");
    ResultTable.Stat e = lv.stats().get("log_z_error");
    assertThat(e.n()).isEqualTo(3);
    assertThat(e.mean()).isCloseTo(0.2, within(1e-12));
    assertThat(e.se()).isCloseTo(0.1 / Math.sqrt(3), within(1e-12)); // sd 0.1, n 3
    assertThat(e.median()).isCloseTo(0.2, within(1e-12)); // middle of 0.1, 0.2, 0.3
    assertThat(lv.stats().get("ess").median()).isCloseTo(0.8, within(1e-12)); // middle of 0.7, 0.8, 0.9
    assertThat(t.groups().get(1).stats().get("log_z_error").median()).isCloseTo(0.06, within(1e-12)); // even n
    assertThat(ResultTable.stat(List.of(5.0, 1.0, 100.0, 2.0)).median()).isEqualTo(3.5); // unsorted, even n
    assertThat(ResultTable.stat(List.of(1.0, Double.NaN, 2.0)).median()).isNaN();
    assertThat(t.groups().get(1).stats().get("mmd").mean()).isNaN(); // non-finite values propagate
    assertThat(t.isBest(t.groups().get(1), "log_z_error")).isTrue(); // 0.06 < 0.2
    assertThat(t.isBest(lv, "ess")).isTrue(); // 0.8 > 0.55
    assertThat(t.isBest(lv, "train_seconds")).isTrue(); // tie: both marked
    assertThat(t.isBest(t.groups().get(1), "train_seconds")).isTrue();

    List<Path> files = ResultsWriter.write(t, tmp.resolve("report"));
    String md = Files.readString(files.get(1));
    assertThat(md).contains("| divergence | seeds | log_z_error | ess | mmd | train_seconds |")
        .contains("| log-variance | 3 | 0.2000 ± 0.05774 | **0.8000 ± 0.05774** |")
        .contains("| moment | 2 | **0.06000 ± 0.01000** | 0.5500 ± 0.05000 | NaN | **2.000 ± 0** |")
        .contains("Median over seeds").contains("| log-variance | 3 | 0.2000 | 0.8000 |")
        .contains("| moment | 2 | 0.06000 | 0.5500 | NaN |");
    List<String> csv = Files.readAllLines(files.get(0));
    assertThat(csv.get(0)).startsWith("divergence,n_runs,seeds,log_z_error_mean,log_z_error_se,log_z_error_median,log_z_error_n,");
    assertThat(csv.get(1)).startsWith("log-variance,3,1 2 3,0.200000000000000").endsWith("../runs/a1 ../runs/a2 ../runs/a3");
    String html = Files.readString(files.get(2));
    assertThat(html).contains("<img src=\"../runs/b2/samples.png\"").contains("<b>0.8000 ± 0.05774</b>")
        .contains("<h4 id=\"g1\">divergence=moment</h4>");
  }

  @Test
  void directionOfMetrics() {
    assertThat(ResultTable.direction("log_z_error")).isEqualTo(-1);
    assertThat(ResultTable.direction("sinkhorn_w1")).isEqualTo(-1);
    assertThat(ResultTable.direction("ess")).isEqualTo(1);
    assertThat(ResultTable.direction("log_z_is")).isZero();
    assertThat(ResultsWriter.number(123456)).isEqualTo("1.235e+05");
    assertThat(ResultsWriter.number(0.012345)).isEqualTo("0.01235");
    assertThat(ResultsWriter.number(12.345)).isEqualTo("12.35");
  }
}
