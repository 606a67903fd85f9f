package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.experiments.storage.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** curves.csv: header and cells, one flushed whole line per row, truncation to the checkpoint on resume. */
class CurvesCsvTest {
  @TempDir Path dir;

  private static Map<String, Object> values(double ess, Double logZError) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("log_z_error", logZError);
    m.put("ess", ess);
    m.put("n_eval", 32);
    m.put("control_error_skipped", "not computed");
    return m;
  }

  @Test
  void headerIsFixedByTheFirstRowAndEachRowIsOnDiskWhenAppendReturns() throws Exception {
    Path f = dir.resolve(CurvesCsv.FILE);
    try (CurvesCsv csv = CurvesCsv.create(f)) {
      assertThat(f).doesNotExist();
      csv.append(0, 0.0, null, values(0.25, null));
      assertThat(Files.readAllLines(f)).containsExactly(
          "step,elapsed_s,loss,log_z_error,ess,n_eval,control_error_skipped", "0,0.000,,,0.25,32,");
      csv.append(10, 1.23456, -2.5, values(Double.NaN, 0.125));
      csv.append(10, 9.0, 7.0, values(1.0, 1.0)); // a step already on the curve is ignored
      Map<String, Object> other = new LinkedHashMap<>(values(0.5, 0.0));
      other.remove("ess");
      other.put("unknown", 3.0);
      csv.append(20, 2.0, -1.0, other);
      assertThat(csv.lastStep()).isEqualTo(20);
      assertThat(Files.readAllLines(f)).containsExactly(
          "step,elapsed_s,loss,log_z_error,ess,n_eval,control_error_skipped", "0,0.000,,,0.25,32,",
          "10,1.235,-2.5,0.125,NaN,32,", "20,2.000,-1.0,0.0,,32,");
    }
  }

  @Test
  void resumeKeepsTheRowsUpToTheCheckpointDropsLaterAndCutOffRowsAndAppends() throws Exception {
    Path f = dir.resolve(CurvesCsv.FILE);
    Files.writeString(f, "step,elapsed_s,loss,ess\n0,0.000,,0.1\n5,1.000,-1.0,0.2\n10,2.000,-2.0,0.3\n"
        + "15,3.000,-3.0,0.4\n20,4.0");
    try (CurvesCsv csv = CurvesCsv.resume(AtomicFiles.SYSTEM, f, 10)) {
      assertThat(csv.lastStep()).isEqualTo(10);
      assertThat(Files.readString(f)).isEqualTo("step,elapsed_s,loss,ess\n0,0.000,,0.1\n5,1.000,-1.0,0.2\n"
          + "10,2.000,-2.0,0.3\n");
      csv.append(10, 2.5, -2.0, Map.of("ess", 0.9)); // the checkpoint's own row is not repeated
      csv.append(15, 3.5, -3.5, Map.of("ess", 0.45));
    }
    assertThat(Files.readAllLines(f)).containsExactly("step,elapsed_s,loss,ess", "0,0.000,,0.1",
        "5,1.000,-1.0,0.2", "10,2.000,-2.0,0.3", "15,3.500,-3.5,0.45");
  }

  @Test
  void resumeDropsRowsOfAnotherWidthOrOutOfOrderAndStartsAfreshWithoutAHeader() throws Exception {
    Path f = dir.resolve(CurvesCsv.FILE);
    Files.writeString(f, "step,elapsed_s,loss,ess\n0,0.000,,0.1\n5,1.0\n0,0.5,,0.7\nx,1,2,3\n");
    try (CurvesCsv csv = CurvesCsv.resume(AtomicFiles.SYSTEM, f, 10)) {
      assertThat(csv.lastStep()).isZero();
    }
    assertThat(Files.readAllLines(f)).containsExactly("step,elapsed_s,loss,ess", "0,0.000,,0.1");

    Files.writeString(f, "0,0.000,,0.1\n"); // no header: not this writer's file
    try (CurvesCsv csv = CurvesCsv.resume(AtomicFiles.SYSTEM, f, 10)) {
      assertThat(csv.lastStep()).isEqualTo(-1);
      csv.append(0, 0.0, null, Map.of("ess", 0.3));
    }
    assertThat(Files.readAllLines(f)).isEqualTo(List.of("step,elapsed_s,loss,ess", "0,0.000,,0.3"));
  }
}
