package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.metrics.LogZEstimates;
import dev.pathspace.experiments.output.EventFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The real engine through the CLI (tiny sizes, threads.inter=1 for bit-identical runs): a run whose final
 * checkpoint and summary are deleted resumes from step 3 and reproduces the uninterrupted run's summary
 * exactly; TensorBoard events are written; export + sample reproduce the run's evaluation (to float32
 * rounding: the exported graph is optimised differently from the training program's).
 */
class EngineWorkflowTest {
  @TempDir Path work;
  private static final String[] CONFIG = {
    "sampler=dis", "divergence=log-variance", "target=gaussian", "target.dim=1", "train.steps=6",
    "train.checkpointEvery=3", "train.batch=16", "train.timesteps=5", "train.logEvery=1", "eval.batch=64",
    "eval.chunk=64", "eval.referenceSamples=50", "threads.inter=1", "seed=3"};

  @Test
  void resumedRunReproducesTheUninterruptedSummaryAndExportReproducesTheEvaluation() throws Exception {
    EngineCli cli = new EngineCli(work, CONFIG);
    assertThat(cli.runInto("a")).as(cli.err()).isZero();
    assertThat(cli.runInto("b")).as(cli.err()).isZero();
    Path b = work.resolve("b");
    // "kill" b after its step-3 checkpoint: remove what a killed process would not have written
    Files.delete(b.resolve("summary.json"));
    EngineCli.deleteTree(b.resolve("checkpoints/step-0000006"));
    assertThat(cli.run("run", "--resume", "b")).as(cli.err()).isZero();
    assertThat(cli.err()).contains("resumed from checkpoint at step 3/6");
    JsonNode sa = new ObjectMapper().readTree(work.resolve("a/summary.json").toFile());
    JsonNode sb = new ObjectMapper().readTree(b.resolve("summary.json").toFile());
    for (String k : List.of("log_z_is", "log_z_lb", "ess", "log_w_std", "log_z_error", "sinkhorn", "final_log_z_lv")) {
      assertThat(sb.get(k).asDouble()).as(k).isEqualTo(sa.get(k).asDouble());
    }
    assertThat(sb.get("resumed_from_step").asInt()).isEqualTo(3);
    assertThat(Files.readAllLines(b.resolve("metrics.csv")).stream().skip(1).map(l -> l.split(",")[1]).toList())
        .isEqualTo(Files.readAllLines(work.resolve("a/metrics.csv")).stream().skip(1).map(l -> l.split(",")[1]).toList());

    // TensorBoard: 6 loss scalars and the eval metrics
    var events = EventFiles.read(work.resolve("a/tb"));
    assertThat(EventFiles.scalars(events, "train/loss")).hasSize(6);
    assertThat(EventFiles.scalars(events, "eval/ess").get(0)[1]).isCloseTo(sa.get("ess").asDouble(), within(1e-6));

    // export, then the SavedModel alone reproduces the run's evaluation (chunk 0, seed [seed + 7919, 1e6])
    assertThat(cli.run("export", "a")).as(cli.err()).isZero();
    Path model = work.resolve("a/saved_model");
    assertThat(model.resolve("saved_model.pb")).isRegularFile();
    try (SavedModelBundle m = SavedModelBundle.load(model.toString(), "serve");
        TInt64 seed = TInt64.vectorOf(3 + 7919, 1_000_000L);
        Result r = m.function("sample").call(Map.of("seed", seed))) {
      TFloat32 logRnd = (TFloat32) r.get("log_rnd").orElseThrow();
      double[] lr = new double[(int) logRnd.shape().get(0)];
      for (int i = 0; i < lr.length; i++) {
        lr[i] = logRnd.getFloat(i);
      }
      assertThat(lr).hasSize(64);
      assertThat(r.get("samples").orElseThrow().shape().asArray()).containsExactly(64, 1);
      double[] negated = new double[lr.length];
      for (int i = 0; i < lr.length; i++) {
        negated[i] = -lr[i];
      }
      // same weights and noise; float32 kernels of a differently optimised graph: agreement to rounding
      assertThat(LogZEstimates.logMeanExp(negated)).isCloseTo(sa.get("log_z_is").asDouble(), within(1e-5));
    }
    assertThat(cli.run("sample", "a", "--n", "150", "--out", "s.csv", "--seed", "5")).as(cli.err()).isZero();
    List<String> csv = Files.readAllLines(work.resolve("s.csv"));
    assertThat(csv.get(0)).isEqualTo("x0,log_weight");
    assertThat(csv).hasSize(151);
    assertThat(cli.run("sample", "a", "--n", "150", "--out", "s.npy", "--seed", "5")).as(cli.err()).isZero();
    byte[] npy = Files.readAllBytes(work.resolve("s.npy"));
    int headerLen = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
    assertThat(header).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (150, 2), }").endsWith("\n");
    assertThat((10 + headerLen) % 64).isZero();
    assertThat(npy.length).isEqualTo(10 + headerLen + 150 * 2 * 8);
    // the same seed gives the same values in both formats
    double x0 = ByteBuffer.wrap(npy, 10 + headerLen, 16).order(ByteOrder.LITTLE_ENDIAN).getDouble();
    assertThat(x0).isEqualTo(Double.parseDouble(csv.get(1).split(",")[0]));
  }
}
