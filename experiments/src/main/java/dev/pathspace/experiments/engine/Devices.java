package dev.pathspace.experiments.engine;

import static org.tensorflow.internal.c_api.global.tensorflow.TFE_ContextListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_ContextOptionsSetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;

import dev.pathspace.api.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The compute devices TensorFlow sees in this process (listed through the TF C API's eager context, since
 * TF Java has no public device listing) and the choice of the run's device ({@code device=cpu|gpu|auto}).
 */
public final class Devices {
  /** The device choices of the {@code device} key. */
  public enum Choice {
    /** Run on the CPU (GPUs hidden from the session). */
    CPU,
    /** Run on the first GPU; an error before any work if TensorFlow sees none. */
    GPU,
    /** The first GPU if TensorFlow sees one, else the CPU. */
    AUTO;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code device} value, or fails naming the key and the options. */
    public static Choice parse(String value) {
      for (Choice c : values()) {
        if (c.toString().equalsIgnoreCase(value == null ? "" : value.trim())) {
          return c;
        }
      }
      throw new ConfigException("Invalid value '" + value + "' for device; valid options: " + List.of(values()));
    }
  }

  /** One device as TensorFlow names it, e.g. {@code /job:localhost/replica:0/task:0/device:CPU:0} of type CPU. */
  public record Device(String name, String type) {
    /** True for a GPU. */
    public boolean isGpu() {
      return type.equalsIgnoreCase("GPU");
    }

    @Override
    public String toString() {
      return name + " (" + type + ")";
    }
  }

  private Devices() {}

  /** The devices TensorFlow sees, listed with TensorFlow's default thread pools (loads the native library). */
  public static List<Device> visible() {
    return visible(0, 0);
  }

  /**
   * The devices TensorFlow sees (loads the native library), listed by a context with the run's thread
   * counts ({@code threads.intra}, {@code threads.inter}; 0 = TensorFlow's choice). This matters: the
   * first CPU device a process creates sizes TensorFlow's process-wide intra-op (Eigen) pool, which every
   * later session's kernels share whatever its own configuration says. A listing context with the
   * default configuration gave the run's MatMuls one thread per core instead of {@code threads.intra}
   * (1 by default) and made the funnel B=1024 H=128 training step 1.3× slower (docs/performance.md).
   */
  public static List<Device> visible(int intraThreads, int interThreads) {
    TensorFlow.version(); // loads the native library
    TF_Status status = TF_NewStatus();
    TFE_ContextOptions options = TFE_NewContextOptions();
    byte[] config = listingConfig(intraThreads, interThreads).toByteArray();
    try (BytePointer bytes = new BytePointer(config)) {
      TFE_ContextOptionsSetConfig(options, bytes, config.length, status);
    }
    check(status, "configuring an eager context");
    TFE_Context context = TFE_NewContext(options, status);
    try {
      check(status, "creating an eager context");
      TF_DeviceList list = TFE_ContextListDevices(context, status);
      check(status, "listing devices");
      try {
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < TF_DeviceListCount(list); i++) {
          String name = TF_DeviceListName(list, i, status).getString();
          String type = TF_DeviceListType(list, i, status).getString();
          check(status, "reading device " + i);
          out.add(new Device(name, type));
        }
        return List.copyOf(out);
      } finally {
        TF_DeleteDeviceList(list);
      }
    } finally {
      if (context != null && !context.isNull()) {
        TFE_DeleteContext(context);
      }
      TFE_DeleteContextOptions(options);
      TF_DeleteStatus(status);
    }
  }

  /**
   * The listing context's configuration: the run's thread counts (see {@link #visible(int, int)}) and GPU
   * memory grown on demand, so that the listing context does not reserve the GPU the session will use.
   */
  static ConfigProto listingConfig(int intraThreads, int interThreads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraThreads)
        .setInterOpParallelismThreads(interThreads)
        .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
        .build();
  }

  /**
   * The device a run with {@code choice} uses among {@code visible}.
   *
   * @throws ConfigException for {@code gpu} when no GPU is visible, naming the devices seen and the remedies
   */
  public static Device select(Choice choice, List<Device> visible) {
    Device cpu = visible.stream().filter(d -> d.type().equalsIgnoreCase("CPU")).findFirst()
        .orElseThrow(() -> new IllegalStateException("TensorFlow lists no CPU device: " + visible));
    Device gpu = visible.stream().filter(Device::isGpu).findFirst().orElse(null);
    return switch (choice) {
      case CPU -> cpu;
      case AUTO -> gpu != null ? gpu : cpu;
      case GPU -> {
        if (gpu == null) {
          throw new ConfigException(noGpuMessage(visible));
        }
        yield gpu;
      }
    };
  }

  /** The error for {@code device=gpu} on a process whose TensorFlow sees no GPU. */
  static String noGpuMessage(List<Device> visible) {
    return "device=gpu, but TensorFlow sees no GPU (devices: " + visible + "). A GPU needs the CUDA build of"
        + " the native library (mvn -Pgpu, as scripts/gpu-check.sh does), an NVIDIA driver and CUDA 12 /"
        + " cuDNN 9 on the host; use device=cpu or device=auto to run on the CPU";
  }

  /**
   * Prints the devices TensorFlow sees; with argument {@code gpu}, exits with status 4 and the
   * {@code device=gpu} error when none is a GPU (used by {@code scripts/gpu-check.sh}).
   */
  public static void main(String[] args) {
    List<Device> visible = visible();
    System.out.println("TensorFlow " + TensorFlow.version() + " sees:");
    visible.forEach(d -> System.out.println("  " + d));
    if (args.length > 0) {
      try {
        System.out.println("device=" + args[0] + " uses " + select(Choice.parse(args[0]), visible));
      } catch (ConfigException e) {
        System.err.println("error: " + e.getMessage());
        System.exit(4);
      }
    }
  }

  private static void check(TF_Status status, String what) {
    if (TF_GetCode(status) != 0) {
      throw new IllegalStateException("TensorFlow failed " + what + ": " + TF_Message(status).getString());
    }
  }
}
