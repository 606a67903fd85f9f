package dev.pathspace.samplers;

import dev.pathspace.api.ControlField;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.OffPolicyIncrements;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.ScheduleRef;
import dev.pathspace.api.ScheduleRequirement;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.Target;
import dev.pathspace.samplers.nn.Activation;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Time-reversed diffusion sampler (DIS; Berner, Richter &amp; Ullrich, "An optimal control perspective on
 * diffusion-based generative modeling", TMLR 2024): the generative SDE is trained to be the time reversal
 * of a noising OU/VP process started at the target; it starts from the noising process's Gaussian
 * stationary law. Optimal control u*(s, x) = σ(s) ∇log p^{noise}_{T−s}(x). Log-RND: spec §4.1 (v ≡ 0).
 * Control parameterisation {@code lerp} (spec §6.5 LerpCtrl): u = clip(NN) + σ(s)·clip((1 − s/T)∇log
 * p_prior + (s/T)∇log ρ)·clip(g(s)); {@code network}: u = clip(NN) (spec {@code dis_no_score}).
 */
public final class DisSampler extends ControlledSampler<DisSampler.Params> {
  /**
   * DIS parameters.
   *
   * @param width hidden width of the control network
   * @param depth hidden layers on the state path
   * @param activation hidden activation
   * @param timeChannels Fourier frequencies of the time embedding
   * @param parameterisation {@code lerp} (score interpolation + network) or {@code network}
   * @param clipModel elementwise clip of the network output and the gain
   * @param clipScore elementwise clip of the interpolated score
   * @param priorScale prior standard deviation; 0 = the schedule's stationary std
   */
  public record Params(
      int width,
      int depth,
      Activation activation,
      int timeChannels,
      Parameterisation parameterisation,
      double clipModel,
      double clipScore,
      double priorScale) implements ControlParams {
    /** Validates every field. */
    public Params {
      ControlParams.check(width, depth, activation, timeChannels, clipModel, clipScore);
      Parameterisation.require(parameterisation, Parameterisation.LERP, Parameterisation.NETWORK);
      if (priorScale < 0) {
        throw new IllegalArgumentException("priorScale must be >= 0 (got " + priorScale + ")");
      }
    }

    /** Defaults: 2 hidden tanh layers of width 64, lerp parameterisation, clips 100. */
    public static Params defaults() {
      return new Params(64, 2, Activation.TANH, 32, Parameterisation.LERP, 100.0, 100.0, 0.0);
    }
  }

  /** The trainable DIS sampler. */
  @Inject
  public DisSampler(Params params) {
    this(params, null);
  }

  private DisSampler(Params params, ControlField fixedControl) {
    super(params, fixedControl);
  }

  @Override
  public String id() {
    return "dis";
  }

  @Override
  public ScheduleRef defaultSchedule() {
    return ScheduleRef.of("vp-linear");
  }

  @Override
  public ScheduleRequirement scheduleRequirement() {
    return ScheduleRequirement.stationaryLaw("a noising process with a Gaussian stationary law");
  }

  @Override
  PathSampler withFixedControl(ControlField control) {
    return new DisSampler(params, control);
  }

  @Override
  public RndTerms simulate(GraphContext g, SimulationRequest req) {
    return LogRnd.timeReversal(g, req, prior(req), control(g, req), Coupling.none());
  }

  @Override
  public Optional<OffPolicyIncrements> offPolicyIncrements(GraphContext g, SimulationRequest req) {
    SdeSchedule sde = req.schedule();
    return increments(g, req, StepRule.euler(sde, sde.grid(req.timesteps())), Coupling.none());
  }

  private GaussianPrior prior(SimulationRequest req) {
    double scale =
        params.priorScale() > 0 ? params.priorScale() : req.schedule().stationaryStd().orElseThrow();
    return new GaussianPrior(req.target().dim(), 0.0, scale);
  }

  @Override
  StepControl trainableControl(GraphContext g, SimulationRequest req) {
    return ControlBuilder.bind(g, "dis", params.parameterisation(), params, req, prior(req));
  }
}
