package dev.pathspace.experiments.metrics;

import java.util.Arrays;

/**
 * The forward metrics from log weights log w = −rnd on trajectories of the <em>target</em> path measure P
 * (docs/math.md §15; Blessing, Jia, Berner, Neumann et al., "Beyond ELBOs: a large-scale evaluation of
 * variational methods for sampling", ICML 2024, §3 and the evaluation code of {@code
 * DenisBless/variational_sampling_methods}, {@code eval_methods/stochastic_oc_methods.py}):
 *
 * <ul>
 *   <li>{@code eubo} = mean(log w): the evidence upper bound, E_P[log w] = log Z + KL(P ‖ Q) ≥ log Z;
 *   <li>{@code logZForward} = −logmeanexp(−log w): the reverse importance-sampling (harmonic-mean) estimate,
 *       from E_P[1/w] = 1/Z; consistent, biased high for finite M (Jensen);
 *   <li>{@code forwardEss} = 1/(mean(w)·mean(1/w)) = exp(logZForward − logmeanexp(log w)) ∈ (0, 1] (Cauchy–Schwarz),
 *       → Z²/(E_P[w]·Z) = 1/(1 + χ²(P ‖ Q)) as M → ∞; 1 exactly when w is constant.
 * </ul>
 *
 * Non-finite log weights are excluded from all three and counted, like {@link LogZEstimates}; all sums are
 * in double precision and shifted by the extreme log weight, so any range of log w is stable.
 */
public final class ForwardEstimates {
  private ForwardEstimates() {}

  /**
   * The forward metrics.
   *
   * @param eubo mean(log w)
   * @param logZForward −logmeanexp(−log w)
   * @param forwardEss 1/(mean(w)·mean(1/w))
   * @param n number of target-path trajectories
   * @param nNonFinite trajectories with a non-finite log weight (excluded)
   */
  public record Result(double eubo, double logZForward, double forwardEss, int n, int nNonFinite) {}

  /** The forward metrics of the log weights {@code logW} (NaN when none is finite). */
  public static Result fromLogWeights(double[] logW) {
    double[] finite = Arrays.stream(logW).filter(Double::isFinite).toArray();
    int bad = logW.length - finite.length;
    if (finite.length == 0) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, logW.length, bad);
    }
    double[] neg = Arrays.stream(finite).map(v -> -v).toArray();
    double logZForward = -LogZEstimates.logMeanExp(neg);
    double ess = Math.exp(logZForward - LogZEstimates.logMeanExp(finite));
    return new Result(LogZEstimates.mean(finite), logZForward, ess, logW.length, bad);
  }
}
