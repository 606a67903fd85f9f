package dev.pathspace.experiments.engine;

import dev.pathspace.api.ConfigException;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.proto.OptimizerOptions;

/**
 * The {@code jit} option: XLA JIT compilation of the session's graph. TensorFlow clusters the graph for XLA
 * when the session's {@code graph_options.optimizer_options.global_jit_level} is {@code ON_1}; on the CPU
 * it does so only if the flag {@code --tf_xla_cpu_global_jit} is in {@code TF_XLA_FLAGS}, which TensorFlow
 * reads once when it initialises, so it must be in the environment of the JVM (the {@code ./pathspace}
 * launcher adds it; alone it changes nothing). Probed in a child JVM (docs/performance.md, "XLA JIT"): the
 * TF 2.18 native library of TF Java 1.1.0 has the XLA CPU JIT compiled in.
 */
public final class XlaJit {
  /** The environment variable TensorFlow reads its XLA flags from. */
  public static final String ENV = "TF_XLA_FLAGS";
  /** The flag that lets the CPU device honour the session's global JIT level. */
  public static final String CPU_FLAG = "--tf_xla_cpu_global_jit";

  private XlaJit() {}

  /** The session's JIT level: {@code ON_1} with {@code jit=true}, else TF's default (off). */
  public static OptimizerOptions.GlobalJitLevel level(boolean jit) {
    return jit ? OptimizerOptions.GlobalJitLevel.ON_1 : OptimizerOptions.GlobalJitLevel.DEFAULT;
  }

  /**
   * Fails with a clear error before any work when {@code jit=true} would be silently ignored: on the CPU
   * without {@link #CPU_FLAG} in {@code env}'s {@link #ENV}.
   */
  public static void check(boolean jit, boolean gpu, Map<String, String> env) {
    if (!jit || gpu) {
      return;
    }
    String flags = env.getOrDefault(ENV, "");
    boolean set = Arrays.stream(flags.trim().split("\\s+")).anyMatch(f -> f.equals(CPU_FLAG) || f.equals(CPU_FLAG + "=true"));
    if (!set) {
      throw new ConfigException("jit=true: on the CPU TensorFlow compiles nothing with XLA unless " + ENV
          + " contains " + CPU_FLAG + " when the JVM starts (" + ENV + "=" + (flags.isEmpty() ? "<unset>" : "'" + flags + "'")
          + "); run through ./pathspace (which sets it), export " + ENV + "=" + CPU_FLAG + ", or use jit=false");
    }
  }
}
