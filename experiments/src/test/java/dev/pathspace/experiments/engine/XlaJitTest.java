package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.OptimizerOptions;

/** {@code jit}: the session's JIT level, the error when it would be ignored, and XLA really compiling (child JVM). */
class XlaJitTest {
  private static RunConfig config(boolean jit) {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    RunConfig base = new RunConfig(x, x, x, x,
        new TrainSettings(2, 8, 4, 1e-3, 1.0, 1.0, 0.0, true, 1, 1), new EvalSettings(8, 8, 0), 1, "float32", 1, 1);
    return new RunConfig(base.components(), base.train(), base.eval(), base.seed(), base.precision(), 1, 1, false,
        "cpu", jit);
  }

  @Test
  void jitOnTheCpuNeedsTheXlaFlagInTheEnvironment() {
    XlaJit.check(false, false, Map.of());
    XlaJit.check(true, true, Map.of());
    XlaJit.check(true, false, Map.of("TF_XLA_FLAGS", "--tf_xla_cpu_global_jit"));
    XlaJit.check(true, false, Map.of("TF_XLA_FLAGS", "--tf_xla_auto_jit=2  --tf_xla_cpu_global_jit"));
    assertThatThrownBy(() -> XlaJit.check(true, false, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("jit=true: on the CPU TensorFlow compiles nothing with XLA unless TF_XLA_FLAGS"
            + " contains --tf_xla_cpu_global_jit when the JVM starts (TF_XLA_FLAGS=<unset>)");
    assertThatThrownBy(() -> XlaJit.check(true, false, Map.of("TF_XLA_FLAGS", "--tf_xla_auto_jit=2")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TF_XLA_FLAGS='--tf_xla_auto_jit=2'");
  }

  @Test
  void theCheckComesBeforeAnyGraphIsBuilt() {
    assumeFalse(System.getenv().getOrDefault("TF_XLA_FLAGS", "").contains(XlaJit.CPU_FLAG), "flag set");
    // no components: the check must come before anything uses them
    assertThatThrownBy(() -> Experiment.build(null, config(true)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("jit=true");
  }

  @Test
  void theSessionAsksForGlobalJitOnlyWithJit() {
    Devices.Device cpu = Devices.select(Devices.Choice.CPU, Devices.visible());
    var on = Experiment.sessionConfig(config(true), cpu).getGraphOptions();
    assertThat(on.getOptimizerOptions().getGlobalJitLevel()).isEqualTo(OptimizerOptions.GlobalJitLevel.ON_1);
    assertThat(on.getRewriteOptions().getDisableMetaOptimizer()).isTrue(); // graphOptimization=false kept
    var off = Experiment.sessionConfig(config(false), cpu).getGraphOptions();
    assertThat(off.getOptimizerOptions().getGlobalJitLevel()).isEqualTo(OptimizerOptions.GlobalJitLevel.DEFAULT);
  }

  /** Runs {@link XlaProbeMain} in a child JVM (XLA may crash a process) and returns its output. */
  private static String probe(String mode, boolean flag) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        new File(System.getProperty("java.home"), "bin/java").getPath(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), XlaProbeMain.class.getName(), mode));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("TF_XLA_FLAGS");
    if (flag) {
      pb.environment().put("TF_XLA_FLAGS", XlaJit.CPU_FLAG);
    }
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "0");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static double loss(String out) {
    return out.lines().filter(l -> l.startsWith("loss ")).mapToDouble(l -> Double.parseDouble(l.substring(5)))
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void theNativeLibraryCompilesATrainingStepWithXlaToTheSameLoss() throws Exception {
    String jit = probe("jit", true);
    String plain = probe("nojit", true);
    assertThat(jit).contains("Compiled cluster using XLA");
    assertThat(plain).doesNotContain("Compiled cluster using XLA");
    assertThat(loss(jit)).isCloseTo(loss(plain), org.assertj.core.data.Percentage.withPercentage(1e-3));
    // without the flag, ON_1 compiles nothing on the CPU: why the check above exists
    assertThat(probe("jit", false)).doesNotContain("Compiled cluster using XLA");
  }
}
