package dev.pathspace.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pathspace.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** curves.csv: any metric columns from the header, blanks/NaN missing, malformed content a clear error. */
class RunCurvesTest {
  @TempDir Path dir;

  @Test
  void readsTheHeaderColumnsWithMissingAndInfiniteCells() throws Exception {
    Files.writeString(dir.resolve("curves.csv"), """
        step,elapsed_s,loss,log_z_error,ess
        0,0.0,5.5,2.0,0.1
        500,1.25,3.0,,NaN
        1000,2.5,1.0,Infinity,0.4
        """);
    RunCurves c = RunCurves.read(dir).orElseThrow();
    assertThat(c.steps()).containsExactly(0, 500, 1000);
    assertThat(c.elapsed()).containsExactly(0.0, 1.25, 2.5);
    assertThat(c.columns().keySet()).containsExactly("loss", "log_z_error", "ess");
    assertThat(c.column("log_z_error")).containsExactly(2.0, Double.NaN, Double.POSITIVE_INFINITY);
    assertThat(c.column("ess")).containsExactly(0.1, Double.NaN, 0.4);
    assertThat(c.column("sinkhorn")).containsExactly(Double.NaN, Double.NaN, Double.NaN);
  }

  @Test
  void aRunWithoutTheFileHasNoCurve() {
    assertThat(RunCurves.read(dir)).isEmpty();
  }

  @Test
  void malformedContentIsAnErrorNamingFileAndLine() {
    Path f = dir.resolve("curves.csv");
    assertThatThrownBy(() -> RunCurves.parse(f, List.of("step,elapsed_s,ess", "0,0,0.1", "10,1")))
        .isInstanceOf(ConfigException.class).hasMessage(f + " line 3: 2 cells, the header has 3");
    assertThatThrownBy(() -> RunCurves.parse(f, List.of("step,elapsed_s,ess", "0,0,0.1", "10,1,high")))
        .hasMessage(f + " line 3: ess 'high' is not a number");
    assertThatThrownBy(() -> RunCurves.parse(f, List.of("step,elapsed_s,ess", "10,0,0.1", "10,1,0.2")))
        .hasMessage(f + " line 3: step 10 does not follow step 10 (steps must increase, no duplicates)");
    assertThatThrownBy(() -> RunCurves.parse(f, List.of("step,elapsed_s,ess", "1.5,0,0.1")))
        .hasMessage(f + " line 2: step '1.5' is not an integer");
    assertThatThrownBy(() -> RunCurves.parse(f, List.of("step,elapsed_s,ess", "1,,0.1")))
        .hasMessage(f + " line 2: elapsed_s '' must be a finite number of seconds >= 0");
    assertThatThrownBy(() -> RunCurves.parse(f, List.of("step,loss")))
        .hasMessage(f + " line 1: the header needs the columns step and elapsed_s (got step,loss)");
    assertThatThrownBy(() -> RunCurves.parse(f, List.of("step,elapsed_s,ess,ess")))
        .hasMessage(f + " line 1: column 'ess' appears twice in the header");
    assertThatThrownBy(() -> RunCurves.parse(f, List.of()))
        .hasMessage(f + ": empty file, expected the header step,elapsed_s,...");
  }
}
