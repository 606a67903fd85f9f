package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pathspace.experiments.output.EventFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning curve ({@code eval.every}) through the CLI with the real engine (tiny sizes, threads.inter=1
 * and threads.intra=1 for bit-identical runs): a run killed after its step-4 checkpoint, with a (here
 * altered) curve row of a step past it and a cut-off last line on disk, resumes into the same curve as an uninterrupted run — the
 * steps 0, 2, …, 8 each once, in order, every metric value bit-identical; the default curve metrics leave out
 * Sinkhorn, MMD and the control error; {@code samples.npy} holds the final evaluation's samples.
 */
class LearningCurveResumeTest {
  @TempDir Path work;
  private static final String[] CONFIG = {
    "sampler=dis", "divergence=log-variance", "target=gaussian", "target.dim=2", "train.steps=8",
    "train.checkpointEvery=4", "train.batch=16", "train.timesteps=5", "train.logEvery=1", "eval.batch=64",
    "eval.chunk=64", "eval.referenceSamples=50", "eval.every=2", "eval.curveBatch=32", "threads.inter=1",
    "threads.intra=1", "seed=3"};

  @Test
  void resumedRunContinuesTheSameCurveWithoutDuplicateOrMissingRows() throws Exception {
    EngineCli cli = new EngineCli(work, CONFIG);
    assertThat(cli.runInto("a")).as(cli.err()).isZero();
    assertThat(cli.runInto("b")).as(cli.err()).isZero();
    Path a = work.resolve("a");
    Path b = work.resolve("b");
    List<String> curveA = Files.readAllLines(a.resolve("curves.csv"));
    assertThat(steps(curveA)).containsExactly(0, 2, 4, 6, 8);
    String header = curveA.get(0);
    assertThat(header).startsWith("step,elapsed_s,loss,log_z_true,log_z_lb,");
    assertThat(List.of(header.split(","))).contains("log_z_error", "ess", "forward_ess", "eubo", "mean_error")
        .doesNotContain("sinkhorn", "mmd", "control_error", "control_error_skipped");
    assertThat(curveA.get(1).split(",", -1)[2]).as("no loss before the first step").isEmpty();

    // "kill" b after its step-4 checkpoint: the rows of step 6 and a cut-off row of step 8 were written,
    // the step-8 checkpoint and the summary were not
    Files.delete(b.resolve("summary.json"));
    EngineCli.deleteTree(b.resolve("checkpoints/step-0000008"));
    List<String> killed = new ArrayList<>(Files.readAllLines(b.resolve("curves.csv")).subList(0, 5));
    killed.set(4, killed.get(4).replaceFirst("^6,[^,]*,[^,]*,", "6,0.5,999.0,")); // must be recomputed, not kept
    Files.writeString(b.resolve("curves.csv"), String.join("\n", killed) + "\n8,0.1,-3.");
    assertThat(cli.run("run", "--resume", "b")).as(cli.err()).isZero();
    assertThat(cli.err()).contains("resumed from checkpoint at step 4/8");
    // run.json records both logs with the step they reach and the run's fingerprint, like the other artifacts
    var status = new ObjectMapper().readTree(b.resolve("run.json").toFile());
    for (String log : List.of("metrics.csv", "curves.csv")) {
      assertThat(status.at("/artifacts/" + log + "/step").asInt()).as(log).isEqualTo(8);
      assertThat(status.at("/artifacts/" + log + "/fingerprint").asText()).as(log)
          .isEqualTo(status.get("fingerprint").asText());
    }

    List<String> curveB = Files.readAllLines(b.resolve("curves.csv"));
    assertThat(steps(curveB)).containsExactly(0, 2, 4, 6, 8);
    assertThat(curveB.get(0)).isEqualTo(header);
    assertThat(withoutElapsed(curveB)).isEqualTo(withoutElapsed(curveA));
    assertThat(elapsed(curveB)).isSorted();

    // TensorBoard has the same points
    var events = EventFiles.read(a.resolve("tb"));
    assertThat(EventFiles.scalars(events, "eval/curve/ess")).hasSize(5);
    assertThat(EventFiles.scalars(events, "eval/curve/loss")).hasSize(4);

    // samples.npy: the final evaluation's 64 samples (cap 2000) with their log weights, identical after resume
    byte[] npyA = Files.readAllBytes(a.resolve("samples.npy"));
    int headerLen = ByteBuffer.wrap(npyA, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
    assertThat(new String(npyA, 10, headerLen, StandardCharsets.US_ASCII))
        .startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (64, 3), }");
    assertThat(npyA.length).isEqualTo(10 + headerLen + 64 * 3 * 8);
    assertThat(Files.readAllBytes(b.resolve("samples.npy"))).isEqualTo(npyA);
    assertThat(Files.readString(a.resolve("run.json"))).contains("samples.npy");
  }

  private static List<Integer> steps(List<String> csv) {
    return csv.stream().skip(1).map(l -> Integer.parseInt(l.split(",", -1)[0])).toList();
  }

  private static List<String> withoutElapsed(List<String> csv) {
    return csv.stream().skip(1).map(l -> {
      String[] f = l.split(",", -1);
      f[1] = "";
      return String.join(",", f);
    }).toList();
  }

  private static List<Double> elapsed(List<String> csv) {
    return csv.stream().skip(1).map(l -> Double.parseDouble(l.split(",", -1)[1])).toList();
  }
}
