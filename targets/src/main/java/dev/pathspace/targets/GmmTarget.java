package dev.pathspace.targets;

import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.OptionNames;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.random.Well19937c;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Equal-weight isotropic Gaussian mixture ρ(x) = Z·(1/J)Σ_j N(x; m_j, s² I) (spec §7.1). Layouts:
 * {@code grid} (9 means on {−5,0,5}², s = √0.3), {@code circle} (8 means on radius 4, s = √0.3),
 * {@code fab40} (40 means U(−40,40)^d, s = 1; the means are drawn coordinate by coordinate, mean by
 * mean, from Commons Math {@code Well19937c(42)} as −40 + 80·nextDouble(), so they differ from the
 * torch/JAX draws of the papers) and {@code random} ({@code modes} means U(−spread, spread)^d from
 * {@code Well19937c(layoutSeed)}, s = 1). For grid/circle with d &gt; 2 the extra mean coordinates are 0
 * (the reference code hard-codes 8 modes there, spec §12 bug 19).
 */
public final class GmmTarget implements Target {
  /** The mode layouts, config values {@code grid}, {@code circle}, {@code fab40}, {@code random}. */
  public enum Layout {
    /** 9 means on {−5, 0, 5}². */
    GRID,
    /** 8 means on the circle of radius 4. */
    CIRCLE,
    /** 40 means U(−40, 40)^d. */
    FAB40,
    /** {@code modes} means U(−spread, spread)^d. */
    RANDOM;

    /** The config value. */
    @Override
    public String toString() {
      return OptionNames.of(this);
    }

  }

  /**
   * @param dim dimension (≥ 2 for grid/circle, ≥ 1 otherwise)
   * @param layout the mode layout
   * @param modes number of components of the {@code random} layout
   * @param spread half-width of the {@code random} layout's box
   * @param scale component std override (0 = layout default)
   * @param logZ log total mass
   * @param layoutSeed seed of the {@code random} layout
   */
  public record Params(
      int dim, Layout layout, int modes, double spread, double scale, double logZ, long layoutSeed) {
    /** Validates the values. */
    public Params {
      Checks.atLeast("dim", dim, 1);
      if (layout == null) {
        throw new IllegalArgumentException("layout must be one of " + OptionNames.list(Layout.class) + " (got null)");
      }
      if ((layout == Layout.GRID || layout == Layout.CIRCLE) && dim < 2) {
        throw new IllegalArgumentException(
            "dim must be >= 2 for layout " + layout + " (got " + dim + ")");
      }
      Checks.atLeast("modes", modes, 1);
      Checks.positive("spread", spread);
      Checks.nonNegative("scale", scale);
      Checks.finite("logZ", logZ);
    }

    /** The 9-mode 2-D grid of {@code conf/target/gmm.yaml}. */
    public static Params defaults() {
      return new Params(2, Layout.GRID, 8, 10.0, 0.0, 0.0, 42L);
    }
  }

  private final Params p;
  private final double[][] means;
  private final double s;

  /** Builds the means of the chosen layout. */
  @Inject
  public GmmTarget(Params p) {
    this.p = p;
    int d = p.dim();
    double defaultScale;
    switch (p.layout()) {
      case GRID -> {
        means = new double[9][d];
        for (int j = 0; j < 9; j++) {
          means[j][0] = -5.0 + 5.0 * (j / 3);
          means[j][1] = -5.0 + 5.0 * (j % 3);
        }
        defaultScale = Math.sqrt(0.3);
      }
      case CIRCLE -> {
        means = new double[8][d];
        for (int j = 0; j < 8; j++) {
          means[j][0] = 4 * Math.cos(2 * Math.PI * j / 8);
          means[j][1] = 4 * Math.sin(2 * Math.PI * j / 8);
        }
        defaultScale = Math.sqrt(0.3);
      }
      case FAB40 -> {
        means = uniformMeans(40, d, 40.0, 42L);
        defaultScale = 1.0;
      }
      default -> { // RANDOM
        means = uniformMeans(p.modes(), d, p.spread(), p.layoutSeed());
        defaultScale = 1.0;
      }
    }
    s = p.scale() > 0 ? p.scale() : defaultScale;
  }

  private static double[][] uniformMeans(int j, int d, double half, long seed) {
    Well19937c rng = new Well19937c(seed);
    double[][] m = new double[j][d];
    for (int a = 0; a < j; a++) {
      for (int i = 0; i < d; i++) {
        m[a][i] = -half + 2 * half * rng.nextDouble();
      }
    }
    return m;
  }

  /** Component std. */
  public double componentStd() {
    return s;
  }

  @Override
  public String id() {
    return "gmm";
  }

  @Override
  public int dim() {
    return p.dim();
  }

  /** Component log-weights log N(x; m_j, s²I) up to the common constant, {@code [B, J]}. */
  private Operand<TFloating> logits(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    int j = means.length;
    int d = p.dim();
    double[] flat = new double[j * d];
    for (int a = 0; a < j; a++) {
      System.arraycopy(means[a], 0, flat, a * d, d);
    }
    Operand<TFloating> m = g.constant(flat, 1, j, d);
    Operand<TFloating> diff = Floating.view(tf.math.sub(tf.expandDims(x, tf.constant(1)), m)); // [B,J,d]
    Operand<TFloating> sq = Floating.view(tf.reduceSum(tf.math.square(diff), tf.constant(2))); // [B,J]
    return Floating.view(tf.math.mul(sq, g.scalar(-0.5 / (s * s))));
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    double c = p.logZ() - Math.log(means.length) - p.dim() * (Math.log(s) + 0.5 * Math.log(2 * Math.PI));
    return Floating.view(g.tf().math.add(TfMath.logSumExp(g, logits(g, x), 1), g.scalar(c)));
  }

  /** Closed form Σ_j softmax_j(x)·(m_j − x)/s² = (softmax·M − x)/s². */
  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> w = TfMath.softmax(g, logits(g, x), 1); // [B,J]
    Operand<TFloating> mean = TfMath.matMul(g, w, TfMath.matrix(g, means)); // [B,d]
    return Floating.view(tf.math.mul(tf.math.sub(mean, x), g.scalar(1.0 / (s * s))));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(p.logZ());
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    int d = p.dim();
    return Optional.of(
        (n, seed) -> {
          Well19937c rng = new Well19937c(seed);
          double[][] out = new double[n][d];
          for (int k = 0; k < n; k++) {
            double[] m = means[rng.nextInt(means.length)];
            for (int i = 0; i < d; i++) {
              out[k][i] = m[i] + s * rng.nextGaussian();
            }
          }
          return out;
        });
  }

  /** Mixture mean (1/J)Σm_j and std sqrt(s² + (1/J)Σm_j² − mean²) per dimension. */
  @Override
  public Optional<Moments> moments() {
    int d = p.dim();
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int i = 0; i < d; i++) {
      double m1 = 0;
      double m2 = 0;
      for (double[] m : means) {
        m1 += m[i];
        m2 += m[i] * m[i];
      }
      m1 /= means.length;
      m2 /= means.length;
      mean[i] = m1;
      std[i] = Math.sqrt(s * s + m2 - m1 * m1);
    }
    return Optional.of(new Moments(mean, std));
  }

  @Override
  public Optional<double[][]> modes() {
    double[][] c = new double[means.length][];
    for (int j = 0; j < means.length; j++) {
      c[j] = means[j].clone();
    }
    return Optional.of(c);
  }

  /** Per dimension [min_j m_j − 5s, max_j m_j + 5s] (spec §7.1 domain_scale 5: ±7.7386 for grid). */
  @Override
  public Domain domain() {
    int d = p.dim();
    double[] lo = new double[d];
    double[] hi = new double[d];
    for (int i = 0; i < d; i++) {
      lo[i] = Double.POSITIVE_INFINITY;
      hi[i] = Double.NEGATIVE_INFINITY;
      for (double[] m : means) {
        lo[i] = Math.min(lo[i], m[i]);
        hi[i] = Math.max(hi[i], m[i]);
      }
      lo[i] -= 5 * s;
      hi[i] += 5 * s;
    }
    return new Domain(lo, hi);
  }
}
