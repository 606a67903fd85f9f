package dev.pathspace.experiments.engine;

import dev.pathspace.experiments.config.RunConfig;
import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * Resolves {@code train.gradientChunk} to the chunk size the engine uses: K &gt; 0 and 0 as configured;
 * {@code -1} ({@code auto}) picks the chunk graph with {@link #AUTO_CHUNK} steps when the sampler has one
 * and the unrolled run's memory — its activations (B·N·(3·depth·H + 4d) values; the bridge's networks
 * count 2 + d times) plus its graph
 * ({@link #GRAPH_BYTES_PER_STEP} per step) — would exceed {@link #AUTO_MEMORY_FRACTION} of the physical
 * memory, and the unrolled graph otherwise: on this 2-core CPU the unrolled graph is as fast or up to
 * ~1.5× faster per step, the chunk graph has a flat graph, memory and first-step cost (docs/performance.md,
 * chunk graph).
 */
public final class GradientChoice {
  /** {@code train.gradientChunk} value of the automatic choice. */
  public static final int AUTO = -1;
  /** Chunk size of the automatic choice (measured default, docs/performance.md). */
  public static final int AUTO_CHUNK = 10;
  /** Fraction of the physical memory the unrolled run may take under {@code auto}. */
  public static final double AUTO_MEMORY_FRACTION = 0.25;
  /** Native cost of the graph per unrolled time step (training + evaluation unroll). */
  public static final double GRAPH_BYTES_PER_STEP = 3.5e6;
  /** The built-in samplers with a chunk graph ({@code PathSampler.chunkedSimulation}). */
  public static final Set<String> CHUNK_GRAPH_SAMPLERS = Set.of("dis", "pis", "dds", "bridge");

  private GradientChoice() {}

  /** The effective chunk size of {@code cfg} on a target of dimension {@code dim} on this machine. */
  public static int chunk(RunConfig cfg, int dim) {
    return chunk(cfg, dim, physicalMemory());
  }

  /** The effective chunk size for a machine of {@code physical} bytes (0 = unknown: unrolled). */
  public static int chunk(RunConfig cfg, int dim, double physical) {
    int k = cfg.train().gradientChunk();
    if (k != AUTO) {
      return k;
    }
    if (!CHUNK_GRAPH_SAMPLERS.contains(cfg.sampler().type()) || physical <= 0) {
      return 0;
    }
    return unrolledBytes(cfg, dim) > AUTO_MEMORY_FRACTION * physical ? AUTO_CHUNK : 0;
  }

  /** Estimated activations plus graph of the unrolled training run. */
  static double unrolledBytes(RunConfig cfg, int dim) {
    double bytes = "float64".equals(cfg.precision()) ? 8 : 4;
    double h = number(cfg, "width", 64);
    double depth = number(cfg, "depth", 2);
    double n = cfg.train().timesteps();
    // the bridge: a generative and an inference network, whose exact Jacobian diagonal carries d tangents
    // per layer (measured 11.3 GB at B=1024, N=400, H=128, d=10 unrolled; this estimate gives 18 GB)
    double networks = "bridge".equals(cfg.sampler().type()) ? 2 + dim : 1;
    double graphs = "bridge".equals(cfg.sampler().type()) ? 2 : 1;
    return cfg.train().batch() * n * (3 * depth * h * networks + 4.0 * dim) * bytes + graphs * GRAPH_BYTES_PER_STEP * n;
  }

  /** The sampler parameter {@code key} as a number, or {@code fallback} when unset or not numeric. */
  public static double number(RunConfig cfg, String key, double fallback) {
    Object v = cfg.sampler().params().get(key);
    return v instanceof Number num ? num.doubleValue() : fallback;
  }

  /** Total physical memory in bytes, or 0 if unknown. */
  public static double physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }
}
