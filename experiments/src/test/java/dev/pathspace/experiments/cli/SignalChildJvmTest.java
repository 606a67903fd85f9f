package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals and kill -9 sent to a real {@code pathspace run} child JVM (the TensorFlow engine on a tiny
 * configuration with many steps): SIGTERM and SIGINT write a checkpoint at the current step and exit 130
 * with the resume command; kill -9 loses at most the steps since the last checkpoint, leaves no temporary
 * file after the next start, and a plain {@code run} on its directory is refused naming {@code --resume}.
 */
class SignalChildJvmTest {
  private static final List<String> CONFIG = List.of("target=gaussian", "target.dim=1", "train.steps=200000",
      "train.batch=8", "train.timesteps=5", "sampler.width=8", "train.logEvery=5", "train.checkpointEvery=40",
      "eval.batch=64", "eval.chunk=64", "eval.referenceSamples=50", "threads.inter=1");
  @TempDir Path work;

  private Process start(Path stderr, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(stderr.toFile()).start();
  }

  private static void await(BooleanSupplier condition, Process p, Path stderr) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("child did not get there: " + Files.readString(stderr));
      }
      Thread.sleep(100);
    }
  }

  private static int csvRows(Path csv) {
    try {
      return Files.exists(csv) ? (int) Files.readAllLines(csv).stream().skip(1).count() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static int interruptedStep(String stderr) {
    Matcher m = Pattern.compile("interrupted at step (\\d+)/200000: checkpoint written; continue with: "
        + "pathspace run --resume ").matcher(stderr);
    assertThat(m.find()).as(stderr).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private String state(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("run.json").toFile()).get("state").asText();
  }

  @Test
  void sigtermAndSigintCheckpointTheCurrentStepAndKillMinus9IsResumable() throws Exception {
    Path dir = work.resolve("r");
    Path log1 = work.resolve("err1.txt");
    List<String> run = new ArrayList<>(List.of("run", "--out", "r"));
    run.addAll(CONFIG);
    Process p = start(log1, run.toArray(String[]::new));
    await(() -> csvRows(dir.resolve("metrics.csv")) >= 3, p, log1);
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err1 = Files.readString(log1);
    assertThat(p.exitValue()).as(err1).isEqualTo(130);
    int k1 = interruptedStep(err1);
    assertThat(k1).isGreaterThanOrEqualTo(15);
    assertThat(dir.resolve(String.format("checkpoints/step-%07d", k1))).isDirectory();
    assertThat(state(dir)).isEqualTo("interrupted");
    assertThat(err1).doesNotContain("\tat ");

    // resume, then SIGINT
    Path log2 = work.resolve("err2.txt");
    Process q = start(log2, "run", "--resume", "r");
    await(() -> {
      try {
        return Files.readString(log2).contains("resumed from checkpoint at step " + k1 + "/200000")
            && csvRows(dir.resolve("metrics.csv")) >= k1 / 5 + 3;
      } catch (IOException e) {
        return false;
      }
    }, q, log2);
    new ProcessBuilder("kill", "-INT", Long.toString(q.pid())).start().waitFor(10, TimeUnit.SECONDS);
    assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err2 = Files.readString(log2);
    assertThat(q.exitValue()).as(err2).isEqualTo(130);
    int k2 = interruptedStep(err2);
    assertThat(k2).isGreaterThan(k1);

    // resume, then kill -9 after a periodic checkpoint: the directory is refused without --resume
    Path log3 = work.resolve("err3.txt");
    Process r = start(log3, "run", "--resume", "r");
    int next = (k2 / 40 + 2) * 40;
    await(() -> Files.isDirectory(dir.resolve(String.format("checkpoints/step-%07d", next))), r, log3);
    r.destroyForcibly(); // SIGKILL
    assertThat(r.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(state(dir)).isEqualTo("training");
    Path log4 = work.resolve("err4.txt");
    Process again = start(log4, run.toArray(String[]::new));
    assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(again.exitValue()).isEqualTo(2);
    assertThat(Files.readString(log4)).contains("holds an unfinished run of this configuration (state training")
        .contains("pathspace run --resume").contains("fresh --out");
    try (Stream<Path> s = Files.list(dir.resolve("checkpoints"))) {
      assertThat(s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("step-")).toList())
          .contains(String.format("step-%07d", next));
    }
    assertThat(Files.readString(log3, StandardCharsets.UTF_8)).contains("resumed from checkpoint at step " + k2);
  }
}
