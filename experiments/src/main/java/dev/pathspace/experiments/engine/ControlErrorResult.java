package dev.pathspace.experiments.engine;

/**
 * The control error of an evaluation (docs/math.md §14): per grid step k, the mean over the sampler's own
 * trajectories of e_k = |u_θ(s_k, X_k) − u*(s_k, X_k)|², u* the exact grid optimal control — or the reason
 * it was not computed.
 *
 * @param skipped why it was not computed; null when it was
 * @param times left times s_k
 * @param dts step lengths Δs_k
 * @param klWeights the factor w_k of ½e_k in step k's transition KL (Δs_k, or β_k²σ² for DDS)
 * @param mean E[e_k] over the finite trajectories
 * @param se standard error of {@code mean}
 * @param controlError (1/T) Σ_k Δs_k E[e_k]
 * @param controlErrorSe its standard error over trajectories
 * @param controlKl ½ Σ_k w_k E[e_k], the KL of the discretised path measures of u_θ and u*
 * @param trajectories trajectories used (all e_k finite)
 * @param nonFinite trajectories with a non-finite e_k (excluded, reported)
 * @param gridError (1/T) Σ_k Δs_k ε_k², ε_k the a-posteriori sup-error estimate of the grid u* at s_k
 * @param seconds wall-clock seconds (graph extension, grid tables and the runs)
 * @param heatmap E[e_k | X_k ∈ bin] for 1-D targets, else null
 */
public record ControlErrorResult(
    String skipped,
    double[] times,
    double[] dts,
    double[] klWeights,
    double[] mean,
    double[] se,
    double controlError,
    double controlErrorSe,
    double controlKl,
    long trajectories,
    long nonFinite,
    double gridError,
    double seconds,
    Heatmap heatmap) {

  /**
   * The 1-D split by state: cell (k, j) is the mean of e_k over trajectories with X_k in bin j.
   *
   * @param lower lower edge of the first bin
   * @param upper upper edge of the last bin
   * @param mean {@code [N][bins]} means, NaN for empty cells
   * @param count {@code [N][bins]} trajectories per cell
   */
  public record Heatmap(double lower, double upper, double[][] mean, long[][] count) {
    /** Number of state bins. */
    public int bins() {
      return mean[0].length;
    }
  }

  /** A result saying why no control error was computed. */
  public static ControlErrorResult skipped(String reason) {
    return new ControlErrorResult(reason, new double[0], new double[0], new double[0], new double[0], new double[0],
        Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN, 0, null);
  }

  /** Whether the control error was computed. */
  public boolean computed() {
    return skipped == null;
  }
}
