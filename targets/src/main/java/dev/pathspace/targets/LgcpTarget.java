package dev.pathspace.targets;

import dev.pathspace.api.params.Describe;
import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;
import java.util.OptionalDouble;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Log-Gaussian Cox process on the Finnish pines data (docs/math.md §7.8; Møller et al. 1998, as in PIS/DDS):
 * with bin counts c on a G×G grid (d = G²), K_ij = 1.91·exp(−‖b_i − b_j‖/(G/33)) over integer grid
 * indices b, μ0 = log 126 − 1.91/2 and a = 1/d,
 * log ρ(x) = −½(x − μ0)ᵀK⁻¹(x − μ0) − ½ log det(2πK) + Σ_i(c_i x_i − a e^{x_i}).
 * K⁻¹ and log det K come from a Commons Math Cholesky factorisation, computed lazily once per instance
 * (about a second or more for G = 40). log Z = 512.6 for G = 40 is the literature value of the DDS paper
 * (long SMC run, quoted by the reference code), not computed here; other grid sizes have no log Z.
 */
public final class LgcpTarget implements Target {
  /** Literature log Z for the 40×40 grid (DDS, long SMC run). */
  public static final double LOG_Z_40 = 512.6;

  /**
   * @param dim must equal gridSize²
   * @param gridSize cells per axis G ≥ 2
   */
  public record Params(@Describe("dimension gridSize²") int dim, @Describe("cells per side of the grid over the pines data") int gridSize) {
    /** Validates the values. */
    public Params {
      Checks.atLeast("gridSize", gridSize, 2);
      if (dim != gridSize * gridSize) {
        throw new IllegalArgumentException("dim must be gridSize^2 = " + gridSize * gridSize
            + " for gridSize " + gridSize + " (got " + dim + ")");
      }
    }

    /** 40×40 grid, d = 1600. */
    public static Params defaults() {
      return new Params(1600, 40);
    }
  }

  private record Precomputed(double[][] kInv, double logDet2PiK) {}

  /**
   * One K⁻¹ constant per graph (and dtype): samplers call the log density and the score at every time
   * step, and a 1600×1600 constant per call would blow the graph up to gigabytes.
   */
  private final java.util.Map<Object, Operand<TFloating>> precisionByGraph = new java.util.WeakHashMap<>();

  private synchronized Operand<TFloating> precisionConstant(GraphContext g) {
    Object graph = g.tf().scope().env();
    Operand<TFloating> c = precisionByGraph.get(graph);
    if (c == null || c.type() != g.dtype()) {
      c = TfMath.matrix(g, pre().kInv());
      precisionByGraph.put(graph, c);
    }
    return c;
  }

  private final Params p;
  private final double[] counts;
  private final double mu0;
  private volatile Precomputed pre;

  /** Reads and bins the pines data (the kernel factorisation is deferred to first use). */
  @Inject
  public LgcpTarget(Params p) {
    this.p = p;
    this.counts = PinesData.binCounts(PinesData.points(), p.gridSize());
    this.mu0 = Math.log(126) - 1.91 / 2;
  }

  /** Bin counts c, row-major over the grid. */
  public double[] counts() {
    return counts.clone();
  }

  /** Prior mean μ0. */
  public double mu0() {
    return mu0;
  }

  /** The kernel matrix K. */
  public double[][] kernel() {
    int g = p.gridSize();
    int d = p.dim();
    double beta = g / 33.0;
    double[][] k = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        double dx = i / g - j / g;
        double dy = i % g - j % g;
        k[i][j] = 1.91 * Math.exp(-Math.sqrt(dx * dx + dy * dy) / beta);
      }
    }
    return k;
  }

  private Precomputed pre() {
    Precomputed r = pre;
    if (r == null) {
      synchronized (this) {
        if (pre == null) {
          pre = factorise();
        }
        r = pre;
      }
    }
    return r;
  }

  /** K⁻¹ = L⁻ᵀL⁻¹ from the Cholesky factor (triangular inverse + product, both exploiting structure). */
  private Precomputed factorise() {
    int d = p.dim();
    CholeskyDecomposition cd = new CholeskyDecomposition(new Array2DRowRealMatrix(kernel(), false));
    double[][] l = cd.getL().getData();
    double logDet = 0;
    for (int i = 0; i < d; i++) {
      logDet += 2 * Math.log(l[i][i]);
    }
    // M = L⁻¹ (lower triangular), by forward substitution column by column of the identity.
    double[][] m = new double[d][d];
    for (int i = 0; i < d; i++) {
      double[] li = l[i];
      double[] mi = m[i];
      mi[i] = 1 / li[i];
      for (int k = 0; k < i; k++) {
        double lik = li[k];
        if (lik != 0) {
          double[] mk = m[k];
          for (int j = 0; j <= k; j++) {
            mi[j] -= lik * mk[j];
          }
        }
      }
      for (int j = 0; j < i; j++) {
        mi[j] /= li[i];
      }
    }
    // K⁻¹_ij = Σ_{k ≥ max(i,j)} M_ki M_kj.
    double[][] inv = new double[d][d];
    for (int k = 0; k < d; k++) {
      double[] mk = m[k];
      for (int i = 0; i <= k; i++) {
        double a = mk[i];
        double[] row = inv[i];
        for (int j = 0; j <= i; j++) {
          row[j] += a * mk[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        inv[j][i] = inv[i][j];
      }
    }
    return new Precomputed(inv, d * Math.log(2 * Math.PI) + logDet);
  }

  /** log det(2πK) (triggers the factorisation). */
  public double logDet2PiK() {
    return pre().logDet2PiK();
  }

  /** K⁻¹ (triggers the factorisation; a copy). */
  public double[][] kernelInverse() {
    double[][] k = pre().kInv();
    double[][] c = new double[k.length][];
    for (int i = 0; i < k.length; i++) {
      c[i] = k[i].clone();
    }
    return c;
  }

  @Override
  public String id() {
    return "lgcp";
  }

  @Override
  public int dim() {
    return p.dim();
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Precomputed pc = pre();
    Operand<TFloating> q = Floating.view(tf.math.sub(x, g.scalar(mu0)));
    Operand<TFloating> kq = TfMath.matMul(g, q, precisionConstant(g));
    Operand<TFloating> prior = Floating.view(tf.math.add(
        tf.math.mul(TfMath.rowSum(g, Floating.view(tf.math.mul(q, kq))), g.scalar(-0.5)),
        g.scalar(-0.5 * pc.logDet2PiK())));
    Operand<TFloating> lik = TfMath.rowSum(g, Floating.view(tf.math.sub(
        tf.math.mul(x, TfMath.row(g, counts)), tf.math.mul(tf.math.exp(x), g.scalar(1.0 / p.dim())))));
    return Floating.view(tf.math.add(prior, lik));
  }

  /** −K⁻¹(x − μ0) + c − a e^x. */
  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> q = Floating.view(tf.math.sub(x, g.scalar(mu0)));
    Operand<TFloating> kq = TfMath.matMul(g, q, precisionConstant(g));
    return Floating.view(tf.math.sub(
        tf.math.sub(TfMath.row(g, counts), kq), tf.math.mul(tf.math.exp(x), g.scalar(1.0 / p.dim()))));
  }

  /** 512.6 for the 40×40 grid (literature), unknown otherwise. */
  @Override
  public OptionalDouble logZ() {
    return p.gridSize() == 40 ? OptionalDouble.of(LOG_Z_40) : OptionalDouble.empty();
  }

  /** μ0 ± 5·√1.91 per cell (five prior standard deviations). */
  @Override
  public Domain domain() {
    double h = 5 * Math.sqrt(1.91);
    return Domain.cube(p.dim(), mu0 - h, mu0 + h);
  }
}
