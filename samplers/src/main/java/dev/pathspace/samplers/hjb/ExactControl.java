package dev.pathspace.samplers.hjb;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * The exact optimal control u*(s, ·) of one {@link ControlProblem} for one target with d ≤ 2, as tables
 * on a grid (docs/math.md §13). Both grids span the hull of the target's domain (widened by {@code
 * GridSpec.pad}) and ±6 reference stds around the reference's centre. log ρ is evaluated on the input grid once; each requested time s gets its
 * table of the posterior mean E[y | x] (by {@link SeparableSmoother}, with an input stride matched to the
 * kernel width) and its {@link ErrorEstimate}; tables are cached per s. In the table regime u*(s, x) =
 * A·x + B·E[y | x] with A = linear − gain·b²/v and B = gain·b·c/v (the gradient of the log-convolution).
 * When the kernel is narrower than one input node (s near T) the small-noise limit u* ≈ linear·x +
 * gain·(b/c)∇q(b x/c) is used instead (exact at s = T), with its O(w²) error estimate.
 */
public final class ExactControl {
  /** How a level is evaluated. */
  public enum Regime {
    /** Bilinear interpolation of a posterior-mean table. */
    TABLE,
    /** The small-noise limit through the target's score (exact at s = T). */
    SMALL_NOISE
  }

  /**
   * One time level.
   *
   * @param s generative time
   * @param coefficients the problem's coefficients at s
   * @param regime how u* is evaluated
   * @param table E[y | x] on the output grid (null in the small-noise regime)
   * @param stateCoef A (table regime) or linear (small-noise regime)
   * @param meanCoef B (table regime) or gain·b/c (small-noise regime)
   * @param stride the input stride used
   * @param error the error estimates
   */
  public record Level(
      double s,
      ControlProblem.Coefficients coefficients,
      Regime regime,
      Smoothed table,
      double stateCoef,
      double meanCoef,
      int stride,
      ErrorEstimate error) {}

  private final Target target;
  private final ControlProblem problem;
  private final GridSpec spec;
  private final LogDensityGrid logRho;
  private final LogDensityGrid q;
  private final GridAxis[] out;
  private final SeparableSmoother smoother;
  private final double edgeMass;
  private final double smallNoiseConstant;
  private final Map<Double, Level> levels = new HashMap<>();

  /**
   * Evaluates log ρ on the input grid (the target's domain widened by {@code spec.pad()}).
   *
   * @throws IllegalArgumentException if the target's dimension is not 1 or 2
   */
  public ExactControl(Target target, ControlProblem problem, GridSpec spec) {
    this.target = target;
    this.problem = problem;
    this.spec = spec;
    int d = target.dim();
    if (d < 1 || d > 2) {
      throw new IllegalArgumentException(
          "exact grid controls need a target of dimension 1 or 2; target '" + target.id() + "' has d = " + d);
    }
    Domain dom = target.domain();
    double[] lo = new double[d];
    double[] hi = new double[d];
    out = new GridAxis[d];
    for (int j = 0; j < d; j++) {
      double w = dom.upper()[j] - dom.lower()[j];
      lo[j] = dom.lower()[j] - spec.pad() * w;
      hi[j] = dom.upper()[j] + spec.pad() * w;
      double r = 6 * problem.referenceStd();
      double olo = Math.min(lo[j], problem.referenceLoc() - r);
      double ohi = Math.max(hi[j], problem.referenceLoc() + r);
      out[j] = GridAxis.spanning(olo, ohi, spec.outputPoints());
      // the input grid covers the output grid too: narrow kernels centred anywhere on it see q
      lo[j] = olo;
      hi[j] = ohi;
    }
    logRho = new TargetGridEvaluator().evaluate(target, new Domain(lo, hi), spec.inputPoints());
    q = problem.usesRatio() ? logRho.minusGaussian(problem.refLoc(), problem.refVar()) : logRho;
    smoother = new SeparableSmoother(spec.window());
    edgeMass = q.edgeMassFraction(Math.max(1, spec.inputPoints() / 50));
    smallNoiseConstant = smallNoiseConstant(q);
  }

  /** The problem. */
  public ControlProblem problem() {
    return problem;
  }

  /** The target. */
  public Target target() {
    return target;
  }

  /** log ∫ρ over the input grid (rectangle rule). */
  public double logNormaliser() {
    return logRho.logIntegral();
  }

  /** The input grid of q (log ρ, or log ρ/p_ref). */
  public LogDensityGrid q() {
    return q;
  }

  /** The output axes of the tables. */
  public GridAxis[] outputAxes() {
    return out.clone();
  }

  /** The level at generative time s (computed on first use). */
  public Level level(double s) {
    return levels.computeIfAbsent(s, this::compute);
  }

  /** The level at s computed with an explicit input stride (no cache; for cross-checks). */
  public Smoothed table(double s, int stride) {
    GaussianKernel k = problem.at(s).kernel();
    if (k == null) {
      throw new IllegalArgumentException("no table at s = T (degenerate kernel)");
    }
    return smoother.smooth(q, out, k, stride);
  }

  private Level compute(double s) {
    ControlProblem.Coefficients co = problem.at(s);
    GaussianKernel k = co.kernel();
    double h = q.axis(0).spacing();
    for (int j = 1; j < q.dim(); j++) {
      h = Math.max(h, q.axis(j).spacing());
    }
    if (k == null || k.widthInY() < h) {
      double b = k == null ? 1 : k.b();
      double c = k == null ? 1 : k.c();
      double w = k == null ? 0 : k.widthInY();
      double small = Math.abs(co.gain()) * (b / c) * w * w * smallNoiseConstant;
      return new Level(s, co, Regime.SMALL_NOISE, null, co.linear(), co.gain() * b / c, 1,
          new ErrorEstimate(0, 0, small, edgeMass));
    }
    int maxStride = Math.max(1, (q.axis(0).points() - 1) / 128); // keep ≥ 128 nodes (and ≥ 64 at 2× stride)
    int stride =
        Math.max(1, Math.min(maxStride, (int) Math.floor(k.widthInY() / (spec.nodesPerStd() * h))));
    Smoothed table = smoother.smooth(q, out, k, stride);
    Smoothed coarse = smoother.smooth(q, out, k, 2 * stride);
    double a = co.linear() - co.gain() * k.b() * k.b() / k.v();
    double bm = co.gain() * k.b() * k.c() / k.v();
    boolean[] relevant = relevant(s, table);
    double quad = 0;
    int d = table.dim();
    for (int i = 0; i < table.size(); i++) {
      for (int j = 0; j < d && relevant[i]; j++) {
        quad = Math.max(quad, Math.abs(bm * (table.mean(i, j) - coarse.mean(i, j))));
      }
    }
    double interp = Math.abs(bm) * interpolationBound(table, relevant);
    return new Level(s, co, Regime.TABLE, table, a, bm, stride, new ErrorEstimate(quad, interp, 0, edgeMass));
  }

  /**
   * Nodes where the optimally controlled process has a density within e^{−RELEVANCE} of its maximum (the
   * error estimates are maxima over these: far outside, tables are never read by trajectories).
   */
  private boolean[] relevant(double s, Smoothed t) {
    double[] lm = new double[t.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < lm.length; i++) {
      lm[i] = problem.logMarginal(s, LogDensityGrid.pointOf(t.axes(), i), t.logMass()[i]);
      max = Math.max(max, lm[i]);
    }
    boolean[] r = new boolean[lm.length];
    for (int i = 0; i < lm.length; i++) {
      r[i] = lm[i] > max - RELEVANCE;
    }
    return r;
  }

  /** Log-density margin of the region over which errors are estimated (e^{−25} ≈ 1.4e−11). */
  public static final double RELEVANCE = 25;

  /** max over relevant nodes of Σ_j |Δ_j² E[y|x]|/8 (second differences along each axis, all components). */
  private static double interpolationBound(Smoothed t, boolean[] relevant) {
    int d = t.dim();
    int n0 = t.axes()[0].points();
    int n1 = d == 2 ? t.axes()[1].points() : 1;
    double max = 0;
    for (int i0 = 0; i0 < n0; i0++) {
      for (int i1 = 0; i1 < n1; i1++) {
        for (int comp = 0; comp < d && relevant[i0 * n1 + i1]; comp++) {
          double e = 0;
          if (i0 > 0 && i0 < n0 - 1) {
            e += Math.abs(t.mean((i0 + 1) * n1 + i1, comp) - 2 * t.mean(i0 * n1 + i1, comp)
                + t.mean((i0 - 1) * n1 + i1, comp));
          }
          if (d == 2 && i1 > 0 && i1 < n1 - 1) {
            e += Math.abs(t.mean(i0 * n1 + i1 + 1, comp) - 2 * t.mean(i0 * n1 + i1, comp)
                + t.mean(i0 * n1 + i1 - 1, comp));
          }
          max = Math.max(max, e / 8);
        }
      }
    }
    return max;
  }

  /**
   * max |∇F|, F = ½|∇q|² + ½Δq, over the nodes where q is within 20 of its maximum (central differences):
   * the first-order term of ∇log(e^q ∗ N(0, w²)) = ∇q + w²∇F + O(w⁴).
   */
  private static double smallNoiseConstant(LogDensityGrid q) {
    int d = q.dim();
    int n0 = q.axis(0).points();
    int n1 = d == 2 ? q.axis(1).points() : 1;
    double[] f = new double[q.size()];
    double qmax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < q.size(); i++) {
      qmax = Math.max(qmax, q.value(i));
    }
    java.util.Arrays.fill(f, Double.NaN);
    for (int i0 = 1; i0 < n0 - 1; i0++) {
      for (int i1 = d == 2 ? 1 : 0; i1 < (d == 2 ? n1 - 1 : 1); i1++) {
        int i = i0 * n1 + i1;
        double h0 = q.axis(0).spacing();
        double g0 = (q.value(i + n1) - q.value(i - n1)) / (2 * h0);
        double l = (q.value(i + n1) - 2 * q.value(i) + q.value(i - n1)) / (h0 * h0);
        double g2 = g0 * g0;
        if (d == 2) {
          double h1 = q.axis(1).spacing();
          double g1 = (q.value(i + 1) - q.value(i - 1)) / (2 * h1);
          l += (q.value(i + 1) - 2 * q.value(i) + q.value(i - 1)) / (h1 * h1);
          g2 += g1 * g1;
        }
        f[i] = 0.5 * g2 + 0.5 * l;
      }
    }
    double max = 0;
    for (int i0 = 2; i0 < n0 - 2; i0++) {
      for (int i1 = d == 2 ? 2 : 0; i1 < (d == 2 ? n1 - 2 : 1); i1++) {
        int i = i0 * n1 + i1;
        if (!(q.value(i) > qmax - 20)) {
          continue;
        }
        double g0 = (f[i + n1] - f[i - n1]) / (2 * q.axis(0).spacing());
        double g2 = g0 * g0;
        if (d == 2) {
          double g1 = (f[i + 1] - f[i - 1]) / (2 * q.axis(1).spacing());
          g2 += g1 * g1;
        }
        if (Double.isFinite(g2)) {
          max = Math.max(max, Math.sqrt(g2));
        }
      }
    }
    return max;
  }

  /**
   * u*(s, x) in plain Java (bilinear interpolation of the table, linear extrapolation outside it); in the
   * small-noise regime this needs the target's score and is not available here.
   */
  public double[] control(double s, double[] x) {
    Level lv = level(s);
    if (lv.regime() != Regime.TABLE) {
      throw new IllegalStateException("level s = " + s + " is in the small-noise regime; use GridControlField");
    }
    double[] m = interpolate(lv.table(), x);
    double[] u = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      u[j] = lv.stateCoef() * x[j] + lv.meanCoef() * m[j];
    }
    return u;
  }

  /** Bilinear interpolation of E[y | x] (cell index clamped to the grid, weights not: linear extrapolation). */
  static double[] interpolate(Smoothed t, double[] x) {
    int d = t.dim();
    GridAxis[] ax = t.axes();
    int[] i = new int[d];
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      double f = (x[j] - ax[j].lower()) / ax[j].spacing();
      i[j] = (int) Math.max(0, Math.min(ax[j].points() - 2, Math.floor(f)));
      w[j] = f - i[j];
    }
    double[] m = new double[d];
    if (d == 1) {
      m[0] = (1 - w[0]) * t.mean(i[0], 0) + w[0] * t.mean(i[0] + 1, 0);
      return m;
    }
    int n1 = ax[1].points();
    for (int c = 0; c < 2; c++) {
      m[c] = (1 - w[0]) * (1 - w[1]) * t.mean(i[0] * n1 + i[1], c)
          + w[0] * (1 - w[1]) * t.mean((i[0] + 1) * n1 + i[1], c)
          + (1 - w[0]) * w[1] * t.mean(i[0] * n1 + i[1] + 1, c)
          + w[0] * w[1] * t.mean((i[0] + 1) * n1 + i[1] + 1, c);
    }
    return m;
  }
}
