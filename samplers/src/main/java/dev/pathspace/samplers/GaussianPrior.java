package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Noise;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Isotropic Gaussian prior N(loc, scale² I) (docs/math.md §2 {@code gauss}); its normalised log density enters
 * the log-RND, its score enters the lerp parameterisation.
 *
 * <p>With {@code truncation} q &gt; 0 (the reference's {@code gauss_truncate}, {@code truncate_quartile:
 * 1e-4}) every coordinate is sampled from the normal truncated to its central 1 − q mass, i.e. to
 * loc ± scale·Φ⁻¹(1 − q/2), by the inverse-CDF transform z = √2·erfinv((1 − q)·erf(ξ/√2)) of a standard
 * normal ξ (as {@code torch.nn.init.trunc_normal_}). As in the reference, the log density and the score
 * stay those of the untruncated Gaussian.
 *
 * @param dim dimension d
 * @param loc mean of every coordinate
 * @param scale standard deviation of every coordinate
 * @param truncation the excluded two-sided tail mass q ∈ [0, 1) of the samples (0 = no truncation)
 */
public record GaussianPrior(int dim, double loc, double scale, double truncation) {
  /** Validates the scale and the truncation. */
  public GaussianPrior {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("prior scale must be > 0 (got " + scale + ")");
    }
    if (!(truncation >= 0 && truncation < 1)) {
      throw new IllegalArgumentException("prior truncation must be in [0, 1) (got " + truncation + ")");
    }
  }

  /** The untruncated prior N(loc, scale² I). */
  public GaussianPrior(int dim, double loc, double scale) {
    this(dim, loc, scale, 0.0);
  }

  /** x = loc + scale·z with z = ξ, or its truncated transform, {@code [B, d]}. */
  public Operand<TFloating> sample(GraphContext g, Noise noise, int batch) {
    Ops tf = g.tf();
    Operand<TFloating> z = noise.normal(batch, dim);
    if (truncation > 0) {
      Operand<TFloating> u = Floating.view(tf.math.erf(tf.math.mul(z, g.scalar(1 / Math.sqrt(2)))));
      z = Floating.view(
          tf.math.mul(tf.math.erfinv(tf.math.mul(u, g.scalar(1 - truncation))), g.scalar(Math.sqrt(2))));
    }
    return Floating.view(tf.math.add(tf.math.mul(z, g.scalar(scale)), g.scalar(loc)));
  }

  /**
   * {@code batch / k} prior points repeated k times in block order (docs/math.md §4.0 trajectories per sample),
   * {@code [batch, d]}.
   */
  public Operand<TFloating> sampleTiled(GraphContext g, Noise noise, int batch, int k) {
    return Tiling.tile(g, sample(g, noise, Tiling.base(batch, k)), k);
  }

  /** log N(x; loc, scale² I), {@code [B]}. */
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    Operand<TFloating> z = Floating.view(tf.math.div(tf.math.sub(x, g.scalar(loc)), g.scalar(scale)));
    Operand<TFloating> sq = Floating.view(tf.sum(tf.math.square(z), tf.constant(1)));
    double c = -0.5 * dim * Math.log(2 * Math.PI) - dim * Math.log(scale);
    return Floating.view(tf.math.add(tf.math.mul(sq, g.scalar(-0.5)), g.scalar(c)));
  }

  /** ∇ log N(x) = (loc − x)/scale², {@code [B, d]}. */
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    Ops tf = g.tf();
    return Floating.view(tf.math.mul(tf.math.sub(g.scalar(loc), x), g.scalar(1.0 / (scale * scale))));
  }
}
