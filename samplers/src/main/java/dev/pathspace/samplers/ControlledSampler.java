package dev.pathspace.samplers;

import dev.pathspace.api.BoundControl;
import dev.pathspace.api.ControlField;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.OffPolicyIncrements;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.TimeGrid;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Base of the trained samplers (DIS, PIS, DDS, bridge): holds the parameters and the optional fixed
 * control that replaces the trainable one ({@link #withControl}, e.g. a closed-form optimal control in
 * analytic tests), and resolves "fixed or trainable" in one place ({@link #control}). A sampler supplies
 * its prior, step rule and log-RND terms in {@code simulate}, and its trainable control in {@link
 * #trainableControl} (usually {@link ControlBuilder#bind} with its {@link Parameterisation}).
 *
 * @param <P> the sampler's parameter record
 */
abstract class ControlledSampler<P extends Record & ControlParams> implements PathSampler {
  /** The sampler's parameters. */
  protected final P params;

  private final ControlField fixedControl;

  /**
   * @param params the parameters
   * @param fixedControl a fixed generative control, or null for the trainable one
   */
  ControlledSampler(P params, ControlField fixedControl) {
    this.params = params;
    this.fixedControl = fixedControl;
  }

  /** The sampler's parameters. */
  public final P params() {
    return params;
  }

  /** Number of trainable scalars of this sampler's controls on a target of dimension {@code dim}. */
  public abstract long trainableParameterCount(int dim);

  /** {@link #trainableParameterCount} (tested equal to the size of the built variables). */
  @Override
  public final OptionalLong parameterCount(int dim) {
    return OptionalLong.of(trainableParameterCount(dim));
  }

  /** A copy of this sampler with the fixed control {@code control}. */
  abstract PathSampler withFixedControl(ControlField control);

  /** Binds the trainable control to the request's grid (creating or sharing its variables). */
  abstract StepControl trainableControl(GraphContext g, SimulationRequest req);

  @Override
  public final Optional<PathSampler> withControl(ControlField control) {
    return Optional.of(withFixedControl(control));
  }

  @Override
  public final boolean trainable() {
    return fixedControl == null;
  }

  /**
   * The step rule of the generative chain on the request's grid: Euler–Maruyama of the schedule's SDE
   * unless the sampler integrates otherwise (DDS's exponential integrator).
   */
  StepRule stepRule(SimulationRequest req) {
    return StepRule.euler(req.schedule(), req.schedule().grid(req.timesteps()));
  }

  /** The fixed or trainable control on the request's grid, with the step rule's KL weights. */
  @Override
  public final Optional<BoundControl> boundControl(GraphContext g, SimulationRequest req) {
    StepRule rule = stepRule(req);
    StepControl control = control(g, req);
    return Optional.of(new BoundControl() {
      @Override
      public TimeGrid grid() {
        return rule.grid();
      }

      @Override
      public double klWeight(int k) {
        return rule.klWeight(k);
      }

      @Override
      public org.tensorflow.Operand<org.tensorflow.types.family.TFloating> apply(
          GraphContext gg, int k, org.tensorflow.Operand<org.tensorflow.types.family.TFloating> x) {
        return control.apply(gg, k, rule.time(k), x);
      }
    });
  }

  /** Whether a fixed control replaces the trainable one. */
  final boolean hasFixedControl() {
    return fixedControl != null;
  }

  /** The fixed control if one is set, else the trainable control. */
  final StepControl control(GraphContext g, SimulationRequest req) {
    if (fixedControl != null) {
      return (gg, k, s, x) -> fixedControl.apply(gg, s, x);
    }
    return trainableControl(g, req);
  }

  /** Off-policy increments of {@link Unroll#increment} for the request's control. */
  final Optional<OffPolicyIncrements> increments(
      GraphContext g, SimulationRequest req, StepRule rule, Coupling coupling) {
    StepControl control = control(g, req);
    return Optional.of((gg, k, xk, xk1) -> Unroll.increment(gg, rule, control, coupling, k, xk, xk1));
  }
}
