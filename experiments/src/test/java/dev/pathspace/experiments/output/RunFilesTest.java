package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.engine.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run-directory naming/creation, metrics.csv rows, atomic summary writes. */
class RunFilesTest {
  @TempDir Path tmp;
  private static final LocalDateTime T = LocalDateTime.of(2025, 3, 4, 5, 6, 7);

  @Test
  void defaultNameIsTimestampPlusSanitisedOverrides() {
    assertThat(RunDirectory.defaultName(T, null, List.of())).isEqualTo("20250304-050607");
    assertThat(RunDirectory.defaultName(T, null, List.of("divergence=moment", "train.steps=500")))
        .isEqualTo("20250304-050607-divergence=moment_train.steps=500");
    assertThat(RunDirectory.defaultName(T, Path.of("conf/ablation.yaml"), List.of("target.means=[1, 2]")))
        .isEqualTo("20250304-050607-ablation_target.means=_1_2");
    String longName = RunDirectory.defaultName(T, null, List.of("a=" + "x".repeat(200)));
    assertThat(longName).hasSize("20250304-050607-".length() + RunDirectory.MAX_SUFFIX);
    assertThat(RunDirectory.defaultName(T, null, List.of("sampler=../../etc")))
        .isEqualTo("20250304-050607-sampler=.._.._etc");
  }

  @Test
  void createUniqueNeverReusesADirectoryAndFinishedRunsAreRefused() throws Exception {
    RunDirectory a = RunDirectory.createUnique(tmp, "x");
    RunDirectory b = RunDirectory.createUnique(tmp, "x");
    assertThat(a.dir()).isNotEqualTo(b.dir());
    assertThat(b.dir().getFileName().toString()).isEqualTo("x-2");
    SummaryJson.write(a.file("summary.json"), Map.of("k", 1));
    assertThatThrownBy(() -> RunDirectory.create(a.dir()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("summary.json");
    assertThat(RunDirectory.create(b.dir()).dir()).isEqualTo(b.dir()); // unfinished dirs are reusable
    try (var files = Files.list(a.dir())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("summary.json"); // no temp left
    }
  }

  @Test
  void metricsCsvWritesEveryLogEveryStepAndTheLastWithDiagnosticColumns() throws Exception {
    Path f = tmp.resolve("metrics.csv");
    try (MetricsCsv csv = new MetricsCsv(f, 3, 7)) {
      for (int s = 1; s <= 7; s++) {
        Map<String, Double> diag = new LinkedHashMap<>();
        diag.put("log_z_moment", s * 0.5);
        if (s > 1) {
          diag.put("n_filtered", 0.0);
        }
        csv.onStep(new StepRecord(s, 1.0 / s, 1e-3, 2.0, s * 0.1, s == 6, diag));
        if (s == 3) { // flushed per row: readable while the run goes on
          assertThat(Files.readAllLines(f)).hasSize(2);
        }
      }
    }
    List<String> lines = Files.readAllLines(f);
    assertThat(lines.get(0)).isEqualTo("step,loss,lr,grad_norm,seconds,skipped,log_z_moment,n_filtered");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith("3,0.3333333333333333,0.001,2.0,0.300,0,1.5,0.0");
    assertThat(lines.get(2)).startsWith("6,").contains(",1,");
    assertThat(lines.get(3)).startsWith("7,");
  }

  @Test
  void abortedRunKeepsItsLastStep() throws Exception {
    Path f = tmp.resolve("metrics.csv");
    try (MetricsCsv csv = new MetricsCsv(f, 10, 100)) {
      for (int s = 1; s <= 14; s++) {
        csv.onStep(new StepRecord(s, 1, 1, 1, s, false, Map.of()));
      }
    }
    assertThat(Files.readAllLines(f)).extracting(l -> l.split(",")[0]).containsExactly("step", "10", "14");
  }

  @Test
  void aRowCutOffByAKillIsDroppedOnResume() throws Exception {
    Path f = tmp.resolve("metrics.csv");
    Files.writeString(f, "step,loss,lr,grad_norm,seconds,skipped,b\n1,0.5,0.1,1.0,0.1,0,3.0\n2,0.4,0.1,1.0,0.2,0,3.1\n3,0.3,0.1");
    StepHistory h = new StepHistory();
    try (MetricsCsv csv = MetricsCsv.resume(f, 1, 10, 3, h)) {
      csv.onStep(new StepRecord(3, 0.25, 0.1, 1, 0.3, false, Map.of("b", 3.2)));
    }
    assertThat(Files.readAllLines(f)).containsExactly("step,loss,lr,grad_norm,seconds,skipped,b",
        "1,0.5,0.1,1.0,0.1,0,3.0", "2,0.4,0.1,1.0,0.2,0,3.1", "3,0.25,0.1,1.0,0.300,0,3.2");
    assertThat(h.steps()).containsExactly(1, 2); // the kept rows feed the loss plot; the cut-off one does not
  }

  @Test
  void diagnosticColumnsAreSortedSoIdenticalRunsHaveIdenticalFiles() throws Exception {
    Path f = tmp.resolve("m.csv");
    java.util.Map<String, Double> diag = new java.util.LinkedHashMap<>();
    diag.put("z", 1.0);
    diag.put("a", 2.0);
    try (MetricsCsv csv = new MetricsCsv(f, 1, 1)) {
      csv.onStep(new StepRecord(1, 1, 1, 1, 1, false, diag));
    }
    assertThat(Files.readAllLines(f).get(0)).isEqualTo("step,loss,lr,grad_norm,seconds,skipped,a,z");
  }
}
