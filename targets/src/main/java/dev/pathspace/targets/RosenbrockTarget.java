package dev.pathspace.targets;

import dev.pathspace.api.params.Describe;
import dev.pathspace.api.Domain;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Rosenbrock density (docs/math.md §7.7): log ρ(x) = −Σ_{i&lt;d−1}[100(x_{i+1} − x_i²)² + (1 − x_i)²]/flatness +
 * log(scale), with the reference config values flatness 10, scale 1e5. No log Z, no samples. The plot
 * domain is [−2, 3]^d, which contains the minimiser (1, …, 1) and the curved valley around it.
 */
public final class RosenbrockTarget implements Target {
  /**
   * @param dim dimension d ≥ 2
   * @param flatness divisor of the Rosenbrock function (&gt; 0)
   * @param scale multiplicative constant of ρ (&gt; 0; log(scale) is added)
   */
  public record Params(@Describe("dimension d ≥ 2") int dim, @Describe("flatness of the valley") double flatness, @Describe("overall scale of the log density") double scale) {
    /** Validates the values. */
    public Params {
      Checks.atLeast("dim", dim, 2);
      Checks.positive("flatness", flatness);
      Checks.positive("scale", scale);
    }

    /** d = 5, flatness 10, scale 1e5. */
    public static Params defaults() {
      return new Params(5, 10.0, 1e5);
    }
  }

  private final Params p;
  private final double[][] head; // [d, d−1] picks x_0..x_{d−2}
  private final double[][] tail; // [d, d−1] picks x_1..x_{d−1}
  private final double[][] headT;
  private final double[][] tailT;

  /** Builds the target. */
  @Inject
  public RosenbrockTarget(Params p) {
    this.p = p;
    int d = p.dim();
    head = new double[d][d - 1];
    tail = new double[d][d - 1];
    headT = new double[d - 1][d];
    tailT = new double[d - 1][d];
    for (int i = 0; i < d - 1; i++) {
      head[i][i] = 1;
      tail[i + 1][i] = 1;
      headT[i][i] = 1;
      tailT[i][i + 1] = 1;
    }
  }

  @Override
  public String id() {
    return "rosenbrock";
  }

  @Override
  public int dim() {
    return p.dim();
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> a = TfMath.matMul(g, x, TfMath.matrix(g, head));
    Operand<TFloating> b = TfMath.matMul(g, x, TfMath.matrix(g, tail));
    Operand<TFloating> t1 = Floating.view(tf.math.mul(tf.math.square(tf.math.sub(b, tf.math.square(a))), g.scalar(100)));
    Operand<TFloating> t2 = Floating.view(tf.math.square(tf.math.sub(g.scalar(1), a)));
    Operand<TFloating> sum = TfMath.rowSum(g, Floating.view(tf.math.add(t1, t2)));
    return Floating.view(tf.math.add(tf.math.mul(sum, g.scalar(-1 / p.flatness())), g.scalar(Math.log(p.scale()))));
  }

  /**
   * ∂_j = [400 x_j(x_{j+1} − x_j²) + 2(1 − x_j)]/flatness (j &lt; d−1) − 200(x_j − x_{j−1}²)/flatness
   * (j ≥ 1).
   */
  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> a = TfMath.matMul(g, x, TfMath.matrix(g, head));
    Operand<TFloating> b = TfMath.matMul(g, x, TfMath.matrix(g, tail));
    Operand<TFloating> r = Floating.view(tf.math.sub(b, tf.math.square(a)));
    Operand<TFloating> ga = Floating.view(tf.math.add(
        tf.math.mul(tf.math.mul(a, r), g.scalar(400)), tf.math.mul(tf.math.sub(g.scalar(1), a), g.scalar(2))));
    Operand<TFloating> gb = Floating.view(tf.math.mul(r, g.scalar(-200)));
    Operand<TFloating> s = Floating.view(tf.math.add(
        TfMath.matMul(g, ga, TfMath.matrix(g, headT)), TfMath.matMul(g, gb, TfMath.matrix(g, tailT))));
    return Floating.view(tf.math.mul(s, g.scalar(1 / p.flatness())));
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.empty();
  }

  /** [−2, 3]^d. */
  @Override
  public Domain domain() {
    return Domain.cube(p.dim(), -2, 3);
  }
}
