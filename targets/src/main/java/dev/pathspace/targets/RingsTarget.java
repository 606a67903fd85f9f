package dev.pathspace.targets;

import dev.pathspace.api.params.Describe;
import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.GroundTruthSampler;
import dev.pathspace.api.Moments;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.random.Well19937c;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Concentric rings in 2-D (docs/math.md §7.6): log ρ(x) = −scale·min_k(|x| − r_k)² with radii r_k evenly spaced
 * in [lowerRad, upperRad]. Score −2·scale·(1 − r_{k*}/(|x| + 1e-8))·x with k* the nearest ring. Z =
 * 2π∫₀^∞ r ρ(r) dr by 1-D {@link Quadrature} (log Z = 2.304881 for the defaults). Ground truth: uniform
 * angle and radius by inverse CDF of r·ρ(r) tabulated on 200 001 points (exact up to linear
 * interpolation of the CDF on a 3.5e-5 grid).
 */
public final class RingsTarget implements Target {
  /**
   * @param dim must be 2
   * @param numRad number of rings
   * @param lowerRad smallest radius (&gt; 0)
   * @param upperRad largest radius
   * @param scale inverse width of the rings
   */
  public record Params(@Describe("dimension (fixed: 2)") int dim, @Describe("number of rings") int numRad, @Describe("radius of the innermost ring") double lowerRad, @Describe("radius of the outermost ring") double upperRad, @Describe("sharpness of the rings") double scale) {
    /** Validates the values. */
    public Params {
      Checks.exactly("dim", dim, 2, "for rings");
      Checks.atLeast("numRad", numRad, 1);
      Checks.positive("lowerRad", lowerRad);
      if (!(upperRad >= lowerRad) || Double.isInfinite(upperRad)) {
        throw new IllegalArgumentException(
            "upperRad must be finite and >= lowerRad = " + lowerRad + " (got " + upperRad + ")");
      }
      Checks.positive("scale", scale);
    }

    /** Radii {1, 3, 5}, scale 100. */
    public static Params defaults() {
      return new Params(2, 3, 1.0, 5.0, 100.0);
    }
  }

  private static final double EPS = 1e-8;
  private static final int GRID = 200_001;
  private final Params p;
  private final double[] radii;
  private final double rMax;
  private final double z;
  private final double meanR2;
  private double[] cdf; // lazily tabulated inverse-CDF grid

  /** Builds the target (runs the radial quadrature). */
  @Inject
  public RingsTarget(Params p) {
    this.p = p;
    radii = new double[p.numRad()];
    for (int k = 0; k < radii.length; k++) {
      radii[k] = radii.length == 1 ? p.lowerRad()
          : p.lowerRad() + k * (p.upperRad() - p.lowerRad()) / (radii.length - 1);
    }
    rMax = p.upperRad() + 12 / Math.sqrt(p.scale());
    int panels = (int) Math.ceil(rMax * Math.sqrt(p.scale()) * 20);
    double zr = Quadrature.integrate(r -> r * radial(r), 0, rMax, panels);
    z = 2 * Math.PI * zr;
    meanR2 = Quadrature.integrate(r -> r * r * r * radial(r), 0, rMax, panels) / zr;
  }

  private double radial(double r) {
    double m = Double.POSITIVE_INFINITY;
    for (double rk : radii) {
      m = Math.min(m, (r - rk) * (r - rk));
    }
    return Math.exp(-p.scale() * m);
  }

  @Override
  public String id() {
    return "rings";
  }

  @Override
  public int dim() {
    return 2;
  }

  private Operand<TFloating> norm(GraphContext g, Operand<TFloating> x) {
    return Floating.view(g.tf().math.sqrt(TfMath.rowSumKeep(g, Floating.view(g.tf().math.square(x))))); // [B,1]
  }

  private Operand<TFloating> radiiRow(GraphContext g) {
    return TfMath.row(g, radii);
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> sq = Floating.view(tf.math.squaredDifference(norm(g, x), radiiRow(g))); // [B,K]
    Operand<TFloating> min = Floating.view(tf.min(sq, tf.constant(1)));
    return Floating.view(tf.math.mul(min, g.scalar(-p.scale())));
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> r = norm(g, x);
    Operand<TFloating> sq = Floating.view(tf.math.squaredDifference(r, radiiRow(g)));
    Operand<TFloating> onehot = Floating.view(tf.stopGradient(tf.oneHot(
        tf.math.argMin(sq, tf.constant(1)), tf.constant(radii.length), g.scalar(1), g.scalar(0))));
    Operand<TFloating> nearest = TfMath.rowSumKeep(g, Floating.view(tf.math.mul(onehot, radiiRow(g)))); // [B,1]
    Operand<TFloating> factor = Floating.view(tf.math.sub(g.scalar(1),
        tf.math.div(nearest, tf.math.add(r, g.scalar(EPS)))));
    return Floating.view(tf.math.mul(tf.math.mul(factor, x), g.scalar(-2 * p.scale())));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.of(Math.log(z));
  }

  private synchronized double[] cdf() {
    if (cdf == null) {
      double h = rMax / (GRID - 1);
      double[] c = new double[GRID];
      double prev = 0;
      for (int i = 1; i < GRID; i++) {
        double r = i * h;
        double f = r * radial(r);
        c[i] = c[i - 1] + 0.5 * h * (prev + f);
        prev = f;
      }
      for (int i = 0; i < GRID; i++) {
        c[i] /= c[GRID - 1];
      }
      cdf = c;
    }
    return cdf;
  }

  @Override
  public Optional<GroundTruthSampler> groundTruth() {
    return Optional.of(
        (n, seed) -> {
          double[] c = cdf();
          double h = rMax / (GRID - 1);
          Well19937c rng = new Well19937c(seed);
          double[][] out = new double[n][2];
          for (int k = 0; k < n; k++) {
            double u = rng.nextDouble();
            int i = Arrays.binarySearch(c, u);
            if (i < 0) {
              i = -i - 2; // c[i] < u < c[i+1]
            }
            i = Math.max(0, Math.min(GRID - 2, i));
            double span = c[i + 1] - c[i];
            double r = h * (i + (span > 0 ? (u - c[i]) / span : 0.5));
            double phi = 2 * Math.PI * rng.nextDouble();
            out[k][0] = r * Math.cos(phi);
            out[k][1] = r * Math.sin(phi);
          }
          return out;
        });
  }

  /** Mean 0, std √(E|x|²/2) per coordinate (E|x|² by radial quadrature). */
  @Override
  public Optional<Moments> moments() {
    double s = Math.sqrt(meanR2 / 2);
    return Optional.of(new Moments(new double[2], new double[] {s, s}));
  }

  /** ±(upperRad + 10/√(scale/2)) = ±6.4142 for the defaults (docs/math.md §7.6). */
  @Override
  public Domain domain() {
    double h = p.upperRad() + 10 / Math.sqrt(p.scale() / 2);
    return Domain.cube(2, -h, h);
  }
}
