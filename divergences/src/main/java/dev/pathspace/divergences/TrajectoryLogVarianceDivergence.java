package dev.pathspace.divergences;

import dev.pathspace.api.numeric.NonFiniteFilter;
import dev.pathspace.api.DivergenceOptimum;
import dev.pathspace.api.DivergenceOutput;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequirements;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.All;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.family.TFloating;

/**
 * Per-initial-point log-variance ({@code lv_traj}, Richter &amp; Berner, ICLR 2024; spec §4.0): each
 * initial point is simulated k times (block order, row j·(B/k) + i is replica j of point i), the batch
 * is reshaped to {@code (k, B/k)}, and the loss is the mean over kept columns of the unbiased variance
 * across the k replicas. A column is dropped if any member is filtered (non-finite, −inf included, or
 * ≥ maxLogRnd; spec §12.5). Diagnostics: {@code n_filtered} = k·(dropped columns), {@code log_z_lv} =
 * −mean of the kept rnd.
 */
public final class TrajectoryLogVarianceDivergence implements PathDivergence {
  /**
   * @param trajectoriesPerSample k ≥ 2 trajectories per initial point
   * @param maxLogRnd entries with rnd ≥ maxLogRnd are removed (spec default 1e8; +inf allowed)
   */
  public record Params(int trajectoriesPerSample, double maxLogRnd) {
    /** Validates k and the threshold. */
    public Params {
      if (trajectoriesPerSample < 2) {
        throw new IllegalArgumentException(
            "trajectoriesPerSample must be >= 2 (got " + trajectoriesPerSample + ")");
      }
      NonFiniteFilter.validateMax("maxLogRnd", maxLogRnd);
    }

    /** k = 4, maxLogRnd 1e8. */
    public static Params defaults() {
      return new Params(4, 1e8);
    }
  }

  private final Params params;

  /** Creates the divergence. */
  @Inject
  public TrajectoryLogVarianceDivergence(Params params) {
    this.params = params;
  }

  @Override
  public String id() {
    return "log-variance-traj";
  }

  @Override
  public SimulationRequirements requirements() {
    return new SimulationRequirements(true, true, params.trajectoriesPerSample());
  }

  /** loss = mean within-group variance of rnd: at most about the overall variance. */
  @Override
  public Optional<DivergenceOptimum> optimum(double logZ, double rndVariance, double rndBias) {
    return Optional.of(new DivergenceOptimum(0.0, 1.1 * rndVariance + 1e-6));
  }

  @Override
  public DivergenceOutput loss(GraphContext g, RndTerms terms) {
    Ops tf = g.tf();
    int k = params.trajectoriesPerSample();
    Operand<TFloating> rnd = terms.logRnd(tf);
    NonFiniteFilter f = NonFiniteFilter.of(g, rnd, params.maxLogRnd());
    Operand<org.tensorflow.types.TInt64> shape = tf.constant(new long[] {k, -1});
    Operand<TFloating> r2 = Floating.view(tf.reshape(rnd, shape));
    Operand<TFloating> zeros = Floating.view(tf.zerosLike(tf.stopGradient(r2)));
    Operand<TBool> colKeep = tf.all(tf.reshape(f.keep, shape), tf.constant(0), All.keepDims(true)); // [1,n]
    Operand<TFloating> colKeepF = g.cast(colKeep);
    Operand<TFloating> safe = Floating.view(tf.select(colKeep, r2, zeros)); // select before arithmetic
    Operand<TFloating> colMean =
        Floating.view(tf.math.div(tf.sum(safe, tf.constant(0), Sum.keepDims(true)), g.scalar(k)));
    Operand<TFloating> dev = Floating.view(tf.math.sub(safe, colMean)); // 0 in dropped columns
    Operand<TFloating> colVar =
        Floating.view(tf.math.div(tf.sum(tf.math.square(dev), tf.constant(0)), g.scalar(k - 1)));
    Operand<TFloating> nCols = Floating.view(tf.sum(colKeepF, tf.constant(new int[] {0, 1})));
    Operand<TFloating> denom = NonFiniteFilter.atLeastOne(g, nCols);
    Operand<TFloating> loss =
        NonFiniteFilter.nanUnless(g, Floating.view(tf.math.div(tf.sum(colVar, tf.constant(0)), denom)), nCols, 1);
    Operand<TFloating> dropped =
        Floating.view(tf.sum(tf.math.sub(g.scalar(1), colKeepF), tf.constant(new int[] {0, 1})));
    Operand<TFloating> keptMean =
        Floating.view(tf.math.div(tf.sum(safe, tf.constant(new int[] {0, 1})),
            NonFiniteFilter.atLeastOne(g, Floating.view(tf.math.mul(nCols, g.scalar(k))))));
    return new DivergenceOutput(
        loss,
        Map.of(
            "n_filtered", Floating.view(tf.math.mul(dropped, g.scalar(k))),
            "log_z_lv", Floating.view(tf.math.neg(keptMean))));
  }
}
