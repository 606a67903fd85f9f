package dev.pathspace.samplers;

import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.TimeGrid;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The two families of log-RND terms around an {@link Unroll}: the time reversal of a noising process
 * (DIS, bridge; docs/math.md §4.1, the discretisation of Prop. 2.3 of Richter &amp; Berner, ICLR 2024) and a
 * controlled reference process (PIS, DDS; docs/math.md §4.2, §4.3). All constant terms (log prior, drift
 * divergence, log p_ref) are always included, so the training value of reverse KL is E[rnd] = KL − log Z.
 */
final class LogRnd {
  private LogRnd() {}

  /**
   * rnd = log p_prior(X_0) + Σ_k [running_k − d·∫_{s_k}^{s_{k+1}} c] + Σ_k ito_k − log ρ(X_N) with the
   * Euler step of the schedule and X_0 ~ prior (batch/k points tiled in block order for k trajectories per
   * sample).
   */
  static RndTerms timeReversal(
      GraphContext g, SimulationRequest req, GaussianPrior prior, StepControl control, Coupling coupling) {
    Ops tf = g.tf();
    SdeSchedule sde = req.schedule();
    TimeGrid grid = sde.grid(req.timesteps());
    Operand<TFloating> x0 =
        prior.sampleTiled(g, req.noise(), req.batch(), req.requirements().trajectoriesPerSample());
    Operand<TFloating> initial = prior.logDensity(g, x0);
    Unroll.Result r = Unroll.simulate(g, req, StepRule.euler(sde, grid), x0, control, coupling);
    int d = req.target().dim();
    double driftDivergence = 0;
    for (int k = 0; k < grid.steps(); k++) {
      driftDivergence += d * sde.integratedDrift(grid.time(k), grid.time(k + 1));
    }
    Operand<TFloating> running = Floating.view(tf.math.sub(r.running(), g.scalar(driftDivergence)));
    Operand<TFloating> terminal = Floating.view(tf.math.neg(req.target().logDensity(g, r.last())));
    return new RndTerms(initial, running, r.ito(), terminal, r.last(), r.path());
  }

  /**
   * The rnd of {@link #timeReversal} evaluated on the given states X_0..X_N (a target-path trajectory,
   * docs/math.md §15): the same prior, drift-divergence and terminal terms, the running and Itô sums of
   * {@link Unroll#onPath}.
   */
  static RndTerms timeReversalOnPath(
      GraphContext g,
      SimulationRequest req,
      GaussianPrior prior,
      StepControl control,
      Coupling coupling,
      java.util.List<Operand<TFloating>> path) {
    Ops tf = g.tf();
    SdeSchedule sde = req.schedule();
    TimeGrid grid = sde.grid(req.timesteps());
    Unroll.Result r = Unroll.onPath(g, StepRule.euler(sde, grid), control, coupling, path);
    Operand<TFloating> running = Floating.view(tf.math.sub(r.running(), g.scalar(driftDivergence(req))));
    Operand<TFloating> terminal = Floating.view(tf.math.neg(req.target().logDensity(g, r.last())));
    return new RndTerms(prior.logDensity(g, path.get(0)), running, r.ito(), terminal, r.last(), r.path());
  }

  /** d·Σ_k ∫_{s_k}^{s_{k+1}} c, the divergence of the reference drift integrated over the grid. */
  static double driftDivergence(SimulationRequest req) {
    SdeSchedule sde = req.schedule();
    TimeGrid grid = sde.grid(req.timesteps());
    int d = req.target().dim();
    double sum = 0;
    for (int k = 0; k < grid.steps(); k++) {
      sum += d * sde.integratedDrift(grid.time(k), grid.time(k + 1));
    }
    return sum;
  }

  /**
   * The rnd of {@link #reference} evaluated on the given states X_0..X_N (a target-path trajectory,
   * docs/math.md §15).
   */
  static RndTerms referenceOnPath(
      GraphContext g,
      SimulationRequest req,
      StepRule rule,
      StepControl control,
      Coupling coupling,
      GaussianPrior referenceTerminal,
      java.util.List<Operand<TFloating>> path) {
    Ops tf = g.tf();
    Unroll.Result r = Unroll.onPath(g, rule, control, coupling, path);
    Operand<TFloating> x = r.last();
    Operand<TFloating> terminal =
        Floating.view(tf.math.sub(referenceTerminal.logDensity(g, x), req.target().logDensity(g, x)));
    return new RndTerms(Tiling.zeros(g, req.batch()), r.running(), r.ito(), terminal, x, r.path());
  }

  /**
   * rnd = Σ_k running_k + Σ_k ito_k + log p_ref(X_N) − log ρ(X_N): the model and the reference start from
   * the same law, so the initial term is 0.
   *
   * @param x0 the initial states, {@code [batch, d]} (already tiled)
   * @param referenceTerminal p_ref, the terminal law of the uncontrolled reference process
   */
  static RndTerms reference(
      GraphContext g,
      SimulationRequest req,
      StepRule rule,
      Operand<TFloating> x0,
      StepControl control,
      Coupling coupling,
      GaussianPrior referenceTerminal) {
    Ops tf = g.tf();
    Unroll.Result r = Unroll.simulate(g, req, rule, x0, control, coupling);
    Operand<TFloating> x = r.last();
    Operand<TFloating> terminal =
        Floating.view(tf.math.sub(referenceTerminal.logDensity(g, x), req.target().logDensity(g, x)));
    return new RndTerms(Tiling.zeros(g, req.batch()), r.running(), r.ito(), terminal, x, r.path());
  }
}
