package dev.pathspace.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.experiments.engine.StepRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

/** The TensorBoard logger's event file, read back with a TFRecord reader and TF's Event proto. */
class TensorBoardLoggerTest {
  @Test
  void writesTrainScalarsEveryLogEveryStepsAndEvalMetrics(@TempDir Path tmp) throws Exception {
    Path tb = tmp.resolve("tb");
    try (TensorBoardLogger log = new TensorBoardLogger(tb, 2)) {
      for (int s = 1; s <= 5; s++) {
        log.onStep(new StepRecord(s, 10.0 / s, 1e-3, 0.5 * s, 0.1 * s, false, Map.of("log_z_lv", -0.25 * s)));
      }
      log.onEval(5, Map.of("ess", 0.75, "sampler", "dis", "log_z_error", 0.125));
    }
    List<Event> events = EventFiles.read(tb);
    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    List<double[]> loss = EventFiles.scalars(events, "train/loss");
    assertThat(loss).extracting(p -> p[0]).containsExactly(2.0, 4.0);
    assertThat(loss.get(1)[1]).isCloseTo(2.5, within(1e-6));
    assertThat(EventFiles.scalars(events, "train/grad_norm").get(0)[1]).isCloseTo(1.0, within(1e-6));
    assertThat(EventFiles.scalars(events, "train/lr").get(0)[1]).isCloseTo(1e-3, within(1e-9));
    assertThat(EventFiles.scalars(events, "diagnostics/log_z_lv").get(1)[1]).isCloseTo(-1.0, within(1e-6));
    List<double[]> ess = EventFiles.scalars(events, "eval/ess");
    assertThat(ess).hasSize(1);
    assertThat(ess.get(0)[0]).isEqualTo(5.0);
    assertThat(ess.get(0)[1]).isCloseTo(0.75, within(1e-6));
    assertThat(EventFiles.scalars(events, "eval/sampler")).isEmpty();
  }
}
