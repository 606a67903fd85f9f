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
}
