package dev.pathspace.experiments.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process resource readings from {@code /proc/self/status} (Linux); NaN elsewhere. */
public final class ResourceUsage {
  private ResourceUsage() {}

  /** Peak resident set size (VmHWM) in MiB. */
  public static double peakRssMb() {
    return readKb("VmHWM:") / 1024.0;
  }

  /** Current resident set size (VmRSS) in MiB. */
  public static double rssMb() {
    return readKb("VmRSS:") / 1024.0;
  }

  private static double readKb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
