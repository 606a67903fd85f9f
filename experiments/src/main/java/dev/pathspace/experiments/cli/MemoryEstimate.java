package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.GradientChoice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A memory estimate of one run, checked before any graph is built: the network parameters with their
 * gradient, Adam and EMA copies, the training unroll's activations (the whole unroll, or one
 * {@code train.gradientChunk} plus the stored states), the evaluation chunk, the graph itself (about
 * 3.5 MB per time step of the unroll, or of one chunk graph for DIS/PIS with {@code train.gradientChunk > 0},
 * docs/performance.md) and the Java arrays of the evaluation results. The activation
 * model (3·depth·width + 4·d values per trajectory and time step) reproduces the ≈ B·H·N·6 floats of the
 * full unroll measured in docs/performance.md. A run whose native estimate exceeds 80 % of the physical
 * memory, or whose Java part exceeds 80 % of the JVM's max heap, is refused with the estimate and the key
 * to lower.
 *
 * @param terms each term with the key that scales it, largest first
 * @param nativeBytes TensorFlow (native) memory
 * @param heapBytes Java heap memory
 */
record MemoryEstimate(List<Term> terms, double nativeBytes, double heapBytes) {
  /** Fraction of the physical memory (or max heap) a run may take. */
  static final double LIMIT = 0.8;
  /** Fixed native cost of the TensorFlow runtime and a session. */
  static final double RUNTIME_BYTES = 400e6;
  /** Native cost of the graph per unrolled time step (training + evaluation unroll). */
  static final double GRAPH_BYTES_PER_STEP = GradientChoice.GRAPH_BYTES_PER_STEP;

  /** One part of the estimate and the key to lower to shrink it. */
  record Term(String what, double bytes, String key, boolean onHeap) {}

  /** The estimate of {@code cfg} for a target of dimension {@code dim}. */
  static MemoryEstimate of(RunConfig cfg, int dim) {
    double bytes = "float64".equals(cfg.precision()) ? 8 : 4;
    double h = number(cfg, "width", 64);
    double depth = number(cfg, "depth", 2);
    double timeChannels = number(cfg, "timeChannels", 32);
    boolean trainable = cfg.sampler().params().containsKey("width");
    double networks = cfg.sampler().type().equals("bridge") ? 2 : 1;
    double b = cfg.train().batch();
    double n = cfg.train().timesteps();
    double d = dim;
    List<Term> terms = new ArrayList<>();
    if (trainable) {
      double params = networks * ((d + timeChannels) * h + Math.max(0, depth - 1) * h * h + h * d + h * depth);
      terms.add(new Term("network parameters ×5 (weights, gradients, Adam m and v, EMA)", 5 * params * bytes,
          "sampler.width", false));
      int chunk = GradientChoice.chunk(cfg, dim);
      double stepsAlive = chunk > 0 ? Math.min(chunk, n) : n;
      terms.add(new Term("training activations", networks * b * stepsAlive * (3 * depth * h + 4 * d) * bytes,
          "train.batch", false));
      if (chunk > 0) {
        // a chunk graph stores the state at each chunk boundary, the unrolled fallback every state
        double stored = chunkGraph(cfg, dim) ? Math.ceil(n / chunk) : n;
        terms.add(new Term("stored training states", b * stored * d * bytes, "train.batch", false));
      }
    }
    double evalChunk = Math.min(cfg.eval().chunk(), cfg.eval().batch());
    terms.add(new Term("evaluation chunk", evalChunk * (n * d + 8 * depth * h) * bytes, "eval.chunk", false));
    double graphSteps = chunkGraph(cfg, dim) ? Math.min(GradientChoice.chunk(cfg, dim), n) : n;
    terms.add(new Term("graph", GRAPH_BYTES_PER_STEP * graphSteps + RUNTIME_BYTES,
        chunkGraph(cfg, dim) ? "train.gradientChunk" : "train.timesteps", false));
    terms.add(new Term("evaluation results (Java)", 3.0 * cfg.eval().batch() * (8 * d + 40), "eval.batch", true));
    terms.add(new Term("reference samples (Java)", 2.0 * cfg.eval().referenceSamples() * (8 * d + 40),
        "eval.referenceSamples", true));
    terms.sort(Comparator.comparingDouble(Term::bytes).reversed());
    double nat = terms.stream().filter(t -> !t.onHeap()).mapToDouble(Term::bytes).sum();
    double heap = terms.stream().filter(Term::onHeap).mapToDouble(Term::bytes).sum();
    return new MemoryEstimate(List.copyOf(terms), nat, heap);
  }

  /** Whether the run builds one chunk graph (samplers with a chunk graph and an effective chunk > 0). */
  private static boolean chunkGraph(RunConfig cfg, int dim) {
    return GradientChoice.chunk(cfg, dim) > 0 && GradientChoice.CHUNK_GRAPH_SAMPLERS.contains(cfg.sampler().type());
  }

  /**
   * Checks {@code cfg} against this machine: its physical memory and the JVM's max heap.
   *
   * @throws ConfigException naming the estimate and the key to lower if the run would not fit
   */
  static void check(RunConfig cfg, int dim) {
    of(cfg, dim).check(GradientChoice.physicalMemory(), Runtime.getRuntime().maxMemory());
  }

  /** Checks this estimate against {@code physical} and {@code maxHeap} bytes. */
  void check(double physical, double maxHeap) {
    if (physical > 0 && nativeBytes > LIMIT * physical) {
      Term top = terms.stream().filter(t -> !t.onHeap()).findFirst().orElseThrow();
      throw new ConfigException(String.format(Locale.ROOT,
          "This run needs an estimated %s of memory (%s: %s), more than %.0f%% of this machine's %s; lower %s",
          size(nativeBytes), top.what(), size(top.bytes()), 100 * LIMIT, size(physical), top.key()));
    }
    if (maxHeap > 0 && heapBytes > LIMIT * maxHeap) {
      Term top = terms.stream().filter(Term::onHeap).findFirst().orElseThrow();
      throw new ConfigException(String.format(Locale.ROOT,
          "This run needs an estimated %s of Java heap (%s: %s), more than %.0f%% of the JVM's max heap %s; "
              + "lower %s (or raise -Xmx)",
          size(heapBytes), top.what(), size(top.bytes()), 100 * LIMIT, size(maxHeap), top.key()));
    }
  }

  private static double number(RunConfig cfg, String key, double fallback) {
    return GradientChoice.number(cfg, key, fallback);
  }

  /** {@code 1.2 GB}, {@code 15.0 TB}, … (decimal units). */
  static String size(double bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
    int u = 0;
    while (bytes >= 1000 && u < units.length - 1) {
      bytes /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  }
}
