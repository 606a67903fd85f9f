package dev.pathspace.experiments.metrics;

import dev.pathspace.experiments.engine.ControlErrorResult;

/**
 * The control error of the evaluated sampler against the exact optimal control of its problem (docs/math.md
 * §14; exact controls: Berner, Richter &amp; Ullrich, TMLR 2024, via the HJB solution on a grid, §13):
 *
 * <ul>
 *   <li>{@code control_error} = (1/T) Σ_k Δs_k E|u_θ(s_k, X_k) − u*(s_k, X_k)|² over the sampler's own
 *       trajectories, and {@code control_error_se} its standard error;
 *   <li>{@code control_kl} = ½ Σ_k w_k E|u_θ − u*|², the KL of the discretised path measures of u_θ and u*
 *       (≈ log Z − ELBO up to the time discretisation);
 *   <li>{@code control_error_grid} = (1/T) Σ_k Δs_k ε_k²: what the grid's own error ε_k (a-posteriori
 *       estimate, sup over the relevant region) could contribute;
 *   <li>{@code control_error_trajectories}, {@code control_error_nonfinite} (excluded trajectories),
 *       {@code control_error_seconds} (grid tables, graph extension and runs).
 * </ul>
 * When it does not apply (d &gt; 2, a sampler without an exact problem, {@code eval.controlError=false}),
 * {@code control_error} is null and {@code control_error_skipped} gives the reason. The split by time is
 * in the run directory's {@code control_error.csv}.
 */
public final class ControlErrorMetric implements RunMetric {
  @Override
  public void compute(EvaluationReport report, MetricValues out) {
    ControlErrorResult ce = report.eval().controlError();
    if (!ce.computed()) {
      out.put("control_error", null);
      out.putText("control_error_skipped", ce.skipped());
      return;
    }
    out.put("control_error", ce.controlError());
    out.put("control_error_se", ce.controlErrorSe());
    out.put("control_kl", ce.controlKl());
    out.put("control_error_grid", ce.gridError());
    out.put("control_error_trajectories", ce.trajectories());
    out.put("control_error_nonfinite", ce.nonFinite());
    out.put("control_error_seconds", ce.seconds());
  }
}
