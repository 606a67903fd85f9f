package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pathspace.api.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import org.junit.jupiter.api.Test;

/**
 * Device listing and choice. On a machine whose TensorFlow sees no GPU (the CPU build; every machine of
 * this project's CI), {@code device=gpu} is a clear error, and both the device check of
 * {@code scripts/gpu-check.sh} and the script itself exit 4 with that message.
 */
class DevicesTest {
  private static final Devices.Device CPU = new Devices.Device("/job:localhost/replica:0/task:0/device:CPU:0", "CPU");
  private static final Devices.Device GPU = new Devices.Device("/job:localhost/replica:0/task:0/device:GPU:0", "GPU");

  @Test
  void choiceAmongListedDevices() {
    assertThat(Devices.select(Devices.Choice.CPU, List.of(CPU, GPU))).isEqualTo(CPU);
    assertThat(Devices.select(Devices.Choice.AUTO, List.of(CPU, GPU))).isEqualTo(GPU);
    assertThat(Devices.select(Devices.Choice.GPU, List.of(CPU, GPU))).isEqualTo(GPU);
    assertThat(Devices.select(Devices.Choice.AUTO, List.of(CPU))).isEqualTo(CPU);
    assertThatThrownBy(() -> Devices.select(Devices.Choice.GPU, List.of(CPU)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("device=gpu, but TensorFlow sees no GPU")
        .hasMessageContaining("device:CPU:0")
        .hasMessageContaining("-Pgpu");
    assertThatThrownBy(() -> Devices.Choice.parse("tpu"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid value 'tpu' for device; valid options: [cpu, gpu, auto]");
    assertThat(Devices.Choice.parse("GPU")).isEqualTo(Devices.Choice.GPU);
  }

  @Test
  void aGpuRunWithoutAGpuFailsBeforeAnyGraphIsBuilt() {
    assumeFalse(Devices.visible().stream().anyMatch(Devices.Device::isGpu), "this process sees a GPU");
    dev.pathspace.experiments.config.ComponentChoice x =
        new dev.pathspace.experiments.config.ComponentChoice("x", Map.of());
    RunConfig base = new RunConfig(x, x, x, x,
        new TrainSettings(2, 8, 4, 1e-3, 1.0, 1.0, 0.0, true, 1, 1), new EvalSettings(8, 8, 0), 1, "float32", 1, 1);
    RunConfig gpu = new RunConfig(base.components(), base.train(), base.eval(), base.seed(), base.precision(),
        base.intraThreads(), base.interThreads(), base.graphOptimization(), "gpu");
    // no components at all: the device check must come before anything uses them
    assertThatThrownBy(() -> Experiment.build(null, gpu))
        .isInstanceOf(ConfigException.class).hasMessageContaining("device=gpu, but TensorFlow sees no GPU");
    assertThatThrownBy(() -> new RunConfig(base.components(), base.train(), base.eval(), base.seed(),
            base.precision(), 1, 1, false, "tpu"))
        .isInstanceOf(ConfigException.class).hasMessage("Invalid value 'tpu' for device; valid options: [cpu, gpu, auto]");
    RunConfig cpu = new RunConfig(base.components(), base.train(), base.eval(), base.seed(), base.precision(),
        1, 1, false, "cpu");
    assertThat(Experiment.sessionConfig(cpu, Devices.select(Devices.Choice.CPU, Devices.visible()))
        .getDeviceCountMap()).containsEntry("GPU", 0);
  }

  @Test
  void tensorFlowListsItsCpu() {
    List<Devices.Device> visible = Devices.visible();
    assertThat(visible).anySatisfy(d -> {
      assertThat(d.type()).isEqualTo("CPU");
      assertThat(d.name()).endsWith("device:CPU:0");
    });
  }

  @Test
  void theGpuCheckFailsClearlyWithoutAGpu() throws Exception {
    assumeFalse(Devices.visible().stream().anyMatch(Devices.Device::isGpu), "this process sees a GPU");
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), Devices.class.getName(), "gpu")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(4);
    assertThat(out).contains("sees:").contains("device:CPU:0 (CPU)")
        .contains("error: device=gpu, but TensorFlow sees no GPU");
  }

  @Test
  void theGpuCheckScriptExitsFourWithoutAGpu() throws Exception {
    Path script = Path.of("..", "scripts", "gpu-check.sh").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(script), "run from the experiments module");
    // a PATH without nvidia-smi: the script must stop before building anything
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("PATH", "/usr/bin:/bin");
    assumeFalse(Files.exists(Path.of("/usr/bin/nvidia-smi")) || Files.exists(Path.of("/bin/nvidia-smi")),
        "this machine has an NVIDIA driver");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(4);
    assertThat(out).contains("gpu-check: no GPU: nvidia-smi not found").contains("device=cpu");
  }
  /**
   * The device listing sizes TensorFlow's process-wide intra-op pool (the first CPU device a process
   * creates does): listed with TensorFlow's defaults, a later session configured with one intra-op thread
   * still gets one pool thread per core; listed with the run's threads, it gets one. Child JVMs, since the
   * pool lives as long as the process. This is what made the funnel B=1024 H=128 step 1.3× slower
   * (docs/performance.md).
   */
  @Test
  void theListingUsesTheRunsThreadsForTheProcessWidePool() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    assumeTrue(cores >= 2 && Files.isDirectory(Path.of("/proc/self/task")), "needs Linux and >= 2 cores");
    int withRunThreads = probeThreads("1", "1");
    int withDefaults = probeThreads("0", "0");
    assertThat(withDefaults - withRunThreads).isEqualTo(cores - 1);
  }

  @Test
  void theListingConfigCarriesTheThreadCounts() {
    var cfg = Devices.listingConfig(1, 2);
    assertThat(cfg.getIntraOpParallelismThreads()).isEqualTo(1);
    assertThat(cfg.getInterOpParallelismThreads()).isEqualTo(2);
    assertThat(cfg.getGpuOptions().getAllowGrowth()).isTrue();
  }

  /** The thread count {@link ThreadPoolProbeMain} prints for a listing with these thread counts. */
  private static int probeThreads(String intra, String inter) throws Exception {
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), ThreadPoolProbeMain.class.getName(), intra, inter)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    String line = out.lines().filter(l -> l.startsWith("threads ")).findFirst().orElseThrow(() -> new AssertionError(out));
    return Integer.parseInt(line.substring("threads ".length()).trim());
  }
}
