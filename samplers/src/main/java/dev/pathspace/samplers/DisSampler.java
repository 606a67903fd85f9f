package dev.pathspace.samplers;

import dev.pathspace.api.params.Describe;
import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.ChunkedTargetPath;
import dev.pathspace.api.Floating;
import dev.pathspace.api.TimeGrid;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;
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
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Time-reversed diffusion sampler (DIS; Berner, Richter &amp; Ullrich, "An optimal control perspective on
 * diffusion-based generative modeling", TMLR 2024): the generative SDE is trained to be the time reversal
 * of a noising OU/VP process started at the target; it starts from the noising process's Gaussian
 * stationary law. Optimal control u*(s, x) = σ(s) ∇log p^{noise}_{T−s}(x). Log-RND: docs/math.md §4.1 (v ≡ 0).
 * Control parameterisation {@code lerp} (docs/math.md §6.5 LerpCtrl): u = clip(NN) + σ(s)·clip((1 − s/T)∇log
 * p_prior + (s/T)∇log ρ)·clip(g(s)); {@code network}: u = clip(NN) (reference {@code dis_no_score}).
 */
public final class DisSampler extends ControlledSampler<DisSampler.Params> {
  /**
   * DIS parameters.
   *
   * @param width hidden width of the control network
   * @param depth hidden layers on the state path
   * @param activation hidden activation
   * @param timeChannels Fourier frequencies of the time embedding
   * @param gainDepth hidden activations of the gain network's time embedding (reference: 3)
   * @param parameterisation {@code lerp} (score interpolation + network) or {@code network}
   * @param clipModel elementwise clip of the network output and the gain
   * @param clipScore elementwise clip of the interpolated score
   * @param priorScale prior standard deviation; 0 = the schedule's stationary std
   * @param priorTruncation excluded two-sided tail mass q of the prior samples (0 = none; reference 1e-4)
   */
  public record Params(
      @Describe("hidden width of the control network") int width,
      @Describe("layers of the Fourier MLP (reference num_layers − 1)") int depth,
      @Describe("activation: tanh, gelu, relu, silu, …") Activation activation,
      @Describe("Fourier time-embedding channels") int timeChannels,
      @Describe("hidden layers of the time gain network (reference time_embed num_layers − 1)") int gainDepth,
      @Describe("control parameterisation: network, score or lerp") Parameterisation parameterisation,
      @Describe("clip of the network output and the gain (scheduled scalar clip_model)") double clipModel,
      @Describe("clip of the weighted target score (scheduled scalar clip_score)") double clipScore,
      @Describe("std of the Gaussian prior") double priorScale,
      @Describe("prior truncation quantile (0 = none; reference 1e-4)") double priorTruncation) implements ControlParams {
    /** Validates every field. */
    public Params {
      ControlParams.check(width, depth, activation, timeChannels, gainDepth, clipModel, clipScore);
      Parameterisation.require(parameterisation, Parameterisation.LERP, Parameterisation.NETWORK);
      if (priorScale < 0) {
        throw new IllegalArgumentException("priorScale must be >= 0 (got " + priorScale + ")");
      }
      ParamChecks.fraction("priorTruncation", priorTruncation);
    }

    /** Defaults: 2 hidden tanh layers of width 64, lerp parameterisation, clips 100. */
    public static Params defaults() {
      return new Params(64, 2, Activation.TANH, 32, 1, Parameterisation.LERP, 100.0, 100.0, 0.0, 0.0);
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

  /**
   * Trainable scalars on a target of dimension {@code dim} (the reference DIS with lerp, 64 channels and
   * {@code depth=3, gainDepth=3}: 129·d + 37 569).
   */
  @Override
  public long trainableParameterCount(int dim) {
    return params.controlParameterCount(dim, params.parameterisation() != Parameterisation.NETWORK);
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

  /**
   * The chunk graph of the trainable control (docs/performance.md, chunk graph): the start is the prior
   * sample and its log density, the finish subtracts the drift divergence d·Σ∫c and adds −log ρ(X_N), as
   * {@link LogRnd#timeReversal} does.
   */
  @Override
  public Optional<ChunkedSimulation> chunkedSimulation(GraphContext g, SimulationRequest req, int chunk) {
    if (hasFixedControl()) {
      return Optional.empty();
    }
    GaussianPrior prior = prior(req);
    Operand<TFloating> x0 =
        prior.sampleTiled(g, req.noise(), req.batch(), req.requirements().trajectoriesPerSample());
    Operand<TFloating> initial = prior.logDensity(g, x0);
    double constant = LogRnd.driftDivergence(req);
    return Optional.of(new ChunkUnroll(g, req, chunk, x0, initial,
        steps -> ControlBuilder.bindFed(g, "dis", params.parameterisation(), params, req, prior, steps),
        (gg, init, running, ito, last) -> new RndTerms(init,
            Floating.view(gg.tf().math.sub(running, gg.scalar(constant))), ito,
            Floating.view(gg.tf().math.neg(req.target().logDensity(gg, last))), last)));
  }

  /**
   * The DIS rnd on target paths: X_N ~ π noised backwards with the exact transitions of the schedule's
   * noising process (the process whose time reversal DIS learns; docs/math.md §15).
   */
  @Override
  public Optional<RndTerms> targetPathRnd(GraphContext g, SimulationRequest req, Operand<TFloating> targetSamples) {
    return Optional.of(
        LogRnd.timeReversalOnPath(
            g, req, prior(req), control(g, req), Coupling.none(), TargetPaths.noising(g, req, targetSamples)));
  }

  /**
   * {@link #targetPathRnd} as a chunk graph ({@link TargetPathChunk}): the noising kernel backwards from X_N,
   * the finish adds log p_prior(X_0), the constant and −log ρ(X_N) as {@link LogRnd#timeReversalOnPath}.
   */
  @Override
  public Optional<ChunkedTargetPath> chunkedTargetPath(GraphContext g, SimulationRequest req, int chunk) {
    if (hasFixedControl()) {
      return Optional.empty();
    }
    GaussianPrior prior = prior(req);
    double constant = LogRnd.driftDivergence(req);
    return Optional.of(new TargetPathChunk(g, req, chunk, null, TargetPaths.noisingKernel(req),
        steps -> ControlBuilder.bindFed(g, "dis", params.parameterisation(), params, req, prior, steps), null,
        (gg, first, running, ito, last) -> new RndTerms(prior.logDensity(gg, first),
            Floating.view(gg.tf().math.sub(running, gg.scalar(constant))), ito,
            Floating.view(gg.tf().math.neg(req.target().logDensity(gg, last))), last)));
  }

  private GaussianPrior prior(SimulationRequest req) {
    double scale =
        params.priorScale() > 0 ? params.priorScale() : req.schedule().stationaryStd().orElseThrow();
    return new GaussianPrior(req.target().dim(), 0.0, scale, params.priorTruncation());
  }

  @Override
  StepControl trainableControl(GraphContext g, SimulationRequest req) {
    return ControlBuilder.bind(g, "dis", params.parameterisation(), params, req, prior(req));
  }
}
