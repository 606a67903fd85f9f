package dev.pathspace.experiments.metrics;

import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.TfGraphContext;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * Entropic optimal transport between model samples x and ground-truth samples y (uniform weights,
 * unweighted samples), in double precision. Three quantities (docs/math.md §8):
 *
 * <ol>
 *   <li>{@link Result#referenceCost} — the {@code error/sinkhorn} metric of {@code juliusberner/sde_sampler}
 *       ({@code eval/sinkhorn.py}, after scalable-pytorch-sinkhorn), computed as defined there by
 *       {@link ReferenceSinkhorn}: Euclidean (not squared) cost, absolute ε = {@code referenceEpsilon}
 *       (1e-3), at most {@code referenceIterations} (100) iterations with the early stop at max|Δu|, max|Δv|
 *       &lt; {@code referenceTolerance} (1e-5), and the transport cost Σ P_ij C_ij of the resulting plan (no
 *       entropy term). With ε = 1e-3 the iteration is usually not converged after 100 steps; the number
 *       approximates W₁ only loosely. The reference compares all its M evaluation samples with M fresh
 *       target samples, and the value depends strongly on that number (for exact samples of the 9-mode GMM
 *       it is ≈ 0.12 at 2000 points per side and ≈ 0.07 at 6000), so both sets are truncated to the same
 *       size n = min(referencePoints, |x|, |y|) ({@link Result#referencePoints}) and the value is comparable
 *       with the reference only at the same n.
 *   <li>{@link Result#divergence} — computed on an unrolled TF graph (log-domain, cost matrices from
 *       matmuls) like the next one: the debiased Sinkhorn divergence S_ε(a,b) = OT_ε(a,b) − ½OT_ε(a,a) −
 *       ½OT_ε(b,b) with squared Euclidean cost (Feydy et al. 2019, "Interpolating between optimal transport
 *       and MMD using Sinkhorn divergences", AISTATS), S_ε ≥ 0, S_ε = 0 iff a = b, and S_ε → W₂² as ε → 0. For
 *       equal-shape laws that differ by a translation t, S_ε = |t|² for every ε. ε is scaled to the data:
 *       ε = {@code epsilonRelative} × median pooled squared distance (blur √ε); iterations use ε-scaling
 *       (Schmitzer 2019; GeomLoss): {@code annealSteps} values geometric from the squared bounding-box
 *       diameter down to ε, then {@code iterations} more at ε, then a final extrapolation.
 *   <li>{@link Result#w1} — a converged entropic W₁ approximation: Euclidean cost, ε =
 *       {@code w1EpsilonRelative} × median pooled distance, ε-scaled alternating Sinkhorn iterations (same
 *       schedule lengths as the divergence, starting from the box diameter), and the transport cost
 *       Σ P_ij C_ij of the final plan (≥ the empirical W₁, close to it for small ε). Unlike the reference
 *       value it does not depend on a truncated iteration.
 * </ol>
 */
public final class Sinkhorn {
  /**
   * Parameters.
   *
   * @param maxPoints rows per side of the divergence and W₁ quantities (first finite rows of each set)
   * @param referencePoints maximum rows per side of the reference quantity (first finite rows of each set)
   * @param referenceEpsilon absolute ε of the reference quantity
   * @param referenceIterations maximum iterations of the reference quantity (unrolled)
   * @param referenceTolerance early-stop threshold of the reference quantity
   * @param epsilonRelative ε of the divergence relative to the median pooled squared distance
   * @param annealSteps ε-scaling steps of the divergence (unrolled)
   * @param iterations extra iterations at the final ε (unrolled; divergence and W₁)
   * @param w1EpsilonRelative ε of the W₁ approximation relative to the median pooled distance
   */
  public record Params(
      int maxPoints,
      int referencePoints,
      double referenceEpsilon,
      int referenceIterations,
      double referenceTolerance,
      double epsilonRelative,
      int annealSteps,
      int iterations,
      double w1EpsilonRelative) {
    /** Validates the values. */
    public Params {
      if (maxPoints < 1) {
        throw new IllegalArgumentException("maxPoints must be >= 1 (got " + maxPoints + ")");
      }
      if (referencePoints < 1) {
        throw new IllegalArgumentException("referencePoints must be >= 1 (got " + referencePoints + ")");
      }
      if (!(referenceEpsilon > 0)) {
        throw new IllegalArgumentException("referenceEpsilon must be > 0 (got " + referenceEpsilon + ")");
      }
      if (referenceIterations < 1 || referenceIterations > 10000) {
        throw new IllegalArgumentException(
            "referenceIterations must be in [1, 10000] (got " + referenceIterations + ")");
      }
      if (!(referenceTolerance >= 0)) {
        throw new IllegalArgumentException("referenceTolerance must be >= 0 (got " + referenceTolerance + ")");
      }
      if (!(epsilonRelative > 0)) {
        throw new IllegalArgumentException("epsilonRelative must be > 0 (got " + epsilonRelative + ")");
      }
      if (annealSteps < 1 || annealSteps > 10000) {
        throw new IllegalArgumentException("annealSteps must be in [1, 10000] (got " + annealSteps + ")");
      }
      if (iterations < 0 || iterations > 10000) {
        throw new IllegalArgumentException("iterations must be in [0, 10000] (got " + iterations + ")");
      }
      if (!(w1EpsilonRelative > 0)) {
        throw new IllegalArgumentException("w1EpsilonRelative must be > 0 (got " + w1EpsilonRelative + ")");
      }
    }
  }

  /**
   * maxPoints 2000; reference: up to 6000 points per side (the reference's {@code eval_batch_size} of its
   * {@code basic_*} solvers, where it compares all of them), ε 1e-3, 100 iterations, tolerance 1e-5;
   * divergence ε 0.01 × median squared distance; W₁ ε 0.05 × median distance; 30 annealing + 50 final
   * iterations.
   */
  public static Params defaults() {
    return new Params(2000, 6000, 1e-3, 100, 1e-5, 0.01, 30, 50, 0.05);
  }

  /**
   * Both quantities.
   *
   * @param referenceCost the sde_sampler {@code error/sinkhorn} value (≈ W₁)
   * @param divergence debiased Sinkhorn divergence with squared cost (≈ W₂²)
   * @param w1 converged entropic transport cost with Euclidean cost (≈ W₁)
   * @param epsilon the ε used for the divergence (squared-distance units)
   * @param points rows used per side by the divergence and W₁
   * @param referencePoints rows used per side by the reference quantity (its value depends on it)
   */
  public record Result(
      double referenceCost, double divergence, double w1, double epsilon, int points, int referencePoints) {}

  private final Params params;

  /** A Sinkhorn metric with the given parameters. */
  @Inject
  public Sinkhorn(Params params) {
    this.params = params;
  }

  /** All three quantities between the finite rows of {@code x} and {@code y} (one graph, one run). */
  public Result compute(double[][] x, double[][] y) {
    return run(x, y, true, true, true);
  }

  /** Only the reference quantity (docs/math.md §8). */
  public double referenceCost(double[][] x, double[][] y) {
    return run(x, y, true, false, false).referenceCost();
  }

  /** Only the debiased divergence. */
  public double divergence(double[][] x, double[][] y) {
    return run(x, y, false, true, false).divergence();
  }

  /** Only the converged W₁ approximation. */
  public double w1(double[][] x, double[][] y) {
    return run(x, y, false, false, true).w1();
  }

  private Result run(double[][] x0, double[][] y0, boolean reference, boolean debiased, boolean w1) {
    double[][] fx = Samples.finiteRows(x0);
    double[][] fy = Samples.finiteRows(y0);
    Samples.checkPair(fx, fy);
    int nRef = Math.min(params.referencePoints(), Math.min(fx.length, fy.length));
    double ref = reference
        ? ReferenceSinkhorn.cost(Samples.head(fx, nRef), Samples.head(fy, nRef), params.referenceEpsilon(),
            params.referenceIterations(), params.referenceTolerance())
        : Double.NaN;
    int n = Math.min(params.maxPoints(), Math.min(fx.length, fy.length));
    if (!debiased && !w1) {
      return new Result(ref, Double.NaN, Double.NaN, Double.NaN, n, nRef);
    }
    double[][] x = Samples.head(fx, n);
    double[][] y = Samples.head(fy, n);
    int d = x[0].length;
    double med = Samples.medianPooledSqDist(x, y, 500);
    if (!(med > 0)) {
      med = 1.0; // all points coincide: any positive scale works
    }
    double eps = params.epsilonRelative() * med;
    double diam2 = Samples.sqBoxDiameter(x, y);
    double[] schedule = schedule(diam2, eps);
    double[] scheduleW1 = schedule(Math.sqrt(diam2), params.w1EpsilonRelative() * Math.sqrt(med));
    try (Graph graph = new Graph()) {
      TfGraphContext g = new TfGraphContext(graph, TFloat64.class);
      Placeholder<TFloat64> px = g.tf().placeholder(TFloat64.class, Placeholder.shape(Shape.of(n, d)));
      Placeholder<TFloat64> py = g.tf().placeholder(TFloat64.class, Placeholder.shape(Shape.of(n, d)));
      SinkhornGraph sg = new SinkhornGraph(g);
      Operand<TFloating> cxy = sg.sqCost(Floating.view(px), Floating.view(py));
      List<Operand<?>> fetch = new ArrayList<>();
      if (debiased) {
        Operand<TFloating> cxx = sg.sqCost(Floating.view(px), Floating.view(px));
        Operand<TFloating> cyy = sg.sqCost(Floating.view(py), Floating.view(py));
        fetch.add(sg.divergence(cxy, cxx, cyy, n, n, schedule));
      }
      if (w1) {
        fetch.add(sg.transportCost(Floating.view(g.tf().math.sqrt(cxy)), n, n, scheduleW1));
      }
      double[] out = evaluate(graph, px, py, x, y, fetch);
      int k = 0;
      double div = debiased ? out[k++] : Double.NaN;
      double w = w1 ? out[k] : Double.NaN;
      return new Result(ref, div, w, eps, n, nRef);
    }
  }

  /** ε-scaling schedule: annealSteps values geometric from {@code start} down to ε, then iterations × ε. */
  double[] schedule(double startScale, double eps) {
    int a = params.annealSteps();
    double[] s = new double[a + params.iterations()];
    double start = Math.max(startScale, eps);
    for (int k = 0; k < a; k++) {
      double t = a == 1 ? 1.0 : (double) k / (a - 1);
      s[k] = Math.exp((1 - t) * Math.log(start) + t * Math.log(eps));
    }
    for (int k = a; k < s.length; k++) {
      s[k] = eps;
    }
    return s;
  }

  private static double[] evaluate(
      Graph graph,
      Placeholder<TFloat64> px,
      Placeholder<TFloat64> py,
      double[][] x,
      double[][] y,
      List<Operand<?>> fetch) {
    int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    ConfigProto cfg =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(threads)
            .setInterOpParallelismThreads(1)
            .setUsePerSessionThreads(true)
            .setGraphOptions(
                GraphOptions.newBuilder()
                    .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
            .build();
    try (Session s = new Session(graph, cfg);
        TFloat64 tx = matrix(x);
        TFloat64 ty = matrix(y)) {
      Session.Runner r = s.runner().feed(px, tx).feed(py, ty);
      for (Operand<?> op : fetch) {
        r.fetch(op);
      }
      double[] out = new double[fetch.size()];
      try (org.tensorflow.Result res = r.run()) {
        for (int i = 0; i < out.length; i++) {
          out[i] = ((TFloat64) res.get(i)).getDouble();
        }
      }
      return out;
    }
  }

  private static TFloat64 matrix(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return TFloat64.tensorOf(Shape.of(n, d), DataBuffers.of(flat, true, false));
  }
}
