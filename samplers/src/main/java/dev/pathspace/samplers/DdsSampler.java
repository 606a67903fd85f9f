package dev.pathspace.samplers;

import dev.pathspace.api.params.Describe;
import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.ChunkedTargetPath;
import dev.pathspace.api.ConfigException;
import dev.pathspace.api.ControlField;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.OffPolicyIncrements;
import dev.pathspace.api.OptionNames;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.ScheduleRef;
import dev.pathspace.api.ScheduleRequirement;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.Target;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.samplers.nn.Activation;
import jakarta.inject.Inject;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Denoising diffusion sampler (DDS; Vargas, Grathwohl &amp; Doucet, ICLR 2023): like PIS, but the reference
 * is an OU/VP process started at its stationary law N(0, σ²I) (σ = {@code sigma}), so p_ref = prior.
 *
 * <ul>
 *   <li>{@code integrator=exponential} (default, docs/math.md §3.3/§4.3): the exponential-integrator chain of {@link
 *       StepRule#exponential} with β_k = clip(α√Δt_k, 0, 1). It uses the schedule <b>only for its time
 *       grid</b> (drift and diffusion of the schedule are ignored); the reference DDS uses a cosine grid
 *       over [0, 12.8] (docs/math.md §3.1), i.e. configure {@code schedule.grid=cosine} to reproduce it.
 *   <li>{@code integrator=euler} (reference EulerDDS): Euler–Maruyama of the schedule's generative SDE with the
 *       reference control r(s, x) = σ(s)∇log N(x; 0, σ²I), which makes the reference the stationary OU;
 *       log-RND docs/math.md §4.2 with p_ref = N(0, σ²I). Requires a schedule with a stationary law whose std
 *       equals {@code sigma} (fixing the reference code's unchecked assumption, docs/math.md §12.17).
 * </ul>
 *
 * The continuous-time optimal control of the exponential chain (Δt → 0: dX = (−½α²X + α²σ²u)ds + ασ dW)
 * is u*(s, x) = ∇_x log E[ρ/p_ref(X_T) | X_s = x]. Control parameterisation {@code score} (docs/math.md §6.5) or
 * {@code network}.
 */
public final class DdsSampler extends ControlledSampler<DdsSampler.Params> {
  /**
   * DDS parameters.
   *
   * @param width hidden width of the control network
   * @param depth hidden layers on the state path
   * @param activation hidden activation
   * @param timeChannels Fourier frequencies of the time embedding
   * @param gainDepth hidden activations of the gain network's time embedding (reference: 3)
   * @param parameterisation {@code score} or {@code network}
   * @param clipModel elementwise clip of the network output and the gain
   * @param clipScore elementwise clip of the target score
   * @param sigma std σ of the prior N(0, σ²I) = the reference's stationary law
   * @param alpha step-size factor α of the exponential integrator
   * @param integrator {@code exponential} or {@code euler}
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
      @Describe("stationary std σ of the OU reference") double sigma,
      @Describe("DDS step parameter α") double alpha,
      @Describe("integrator: exponential or euler") Integrator integrator,
      @Describe("prior truncation quantile (0 = none; reference 1e-4)") double priorTruncation) implements ControlParams {
    /** Validates every field. */
    public Params {
      ControlParams.check(width, depth, activation, timeChannels, gainDepth, clipModel, clipScore);
      Parameterisation.require(parameterisation, Parameterisation.SCORE, Parameterisation.NETWORK);
      if (!(sigma > 0) || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException("sigma must be > 0 (got " + sigma + ")");
      }
      if (!(alpha > 0) || !Double.isFinite(alpha)) {
        throw new IllegalArgumentException("alpha must be > 0 (got " + alpha + ")");
      }
      if (integrator == null) {
        throw new IllegalArgumentException(
            "integrator must be one of " + OptionNames.list(Integrator.class) + " (got null)");
      }
      ParamChecks.fraction("priorTruncation", priorTruncation);
    }

    /** Defaults: 2 hidden tanh layers of width 64, score parameterisation, clips 100, σ = α = 1, exponential. */
    public static Params defaults() {
      return new Params(
          64, 2, Activation.TANH, 32, 1, Parameterisation.SCORE, 100.0, 100.0, 1.0, 1.0, Integrator.EXPONENTIAL, 0.0);
    }

    boolean euler() {
      return integrator == Integrator.EULER;
    }
  }

  /** The trainable DDS sampler. */
  @Inject
  public DdsSampler(Params params) {
    this(params, null);
  }

  private DdsSampler(Params params, ControlField fixedControl) {
    super(params, fixedControl);
  }

  @Override
  public String id() {
    return "dds";
  }

  /**
   * The exponential integrator uses only the schedule's time grid: by default the cosine grid on [0, 6.4]
   * of the reference {@code basic_dds} (docs/math.md §3.1, §5; {@code dds} uses 12.8). The Euler variant uses the
   * vp_10 SDE itself on [0, 1].
   */
  @Override
  public ScheduleRef defaultSchedule() {
    return params.euler()
        ? ScheduleRef.of("vp-linear")
        : ScheduleRef.of("vp-linear").with("terminalTime", 6.4).with("grid", "cosine");
  }

  @Override
  public ScheduleRequirement scheduleRequirement() {
    return params.euler() // the exponential integrator uses only the time grid
        ? ScheduleRequirement.stationaryLaw("a reference with a Gaussian stationary law (integrator 'euler')")
        : ScheduleRequirement.ANY;
  }

  @Override
  public void validate(SdeSchedule schedule, Target target) {
    if (!params.euler()) {
      return; // only the time grid is used
    }
    double std = schedule.stationaryStd().getAsDouble();
    if (Math.abs(std - params.sigma()) > 1e-9 * Math.max(1, std)) {
      throw new ConfigException(
          "sampler 'dds' with integrator 'euler': sigma ("
              + params.sigma()
              + ") must equal the stationary std of schedule '"
              + schedule.id()
              + "' ("
              + std
              + "), otherwise the reference is not stationary (docs/math.md §12.17). Valid schedules: [vp-linear,"
              + " vp-cosine, const-ou] with a matching stationary std");
    }
  }

  @Override
  public long trainableParameterCount(int dim) {
    return params.controlParameterCount(dim, params.parameterisation() != Parameterisation.NETWORK);
  }

  @Override
  PathSampler withFixedControl(ControlField control) {
    return new DdsSampler(params, control);
  }

  @Override
  public RndTerms simulate(GraphContext g, SimulationRequest req) {
    GaussianPrior prior = prior(req);
    StepControl control = control(g, req);
    Operand<TFloating> x0 =
        prior.sampleTiled(g, req.noise(), req.batch(), req.requirements().trajectoriesPerSample());
    return LogRnd.reference(g, req, rule(req), x0, control, coupling(req, prior), prior);
  }

  @Override
  public Optional<OffPolicyIncrements> offPolicyIncrements(GraphContext g, SimulationRequest req) {
    return increments(g, req, rule(req), coupling(req, prior(req)));
  }

  /**
   * The chunk graph of the trainable control (docs/performance.md, chunk graph) for either integrator:
   * the start is the prior sample (initial term 0), the step rows carry the exponential integrator's
   * β-coefficients or the Euler coefficients (with the fed reference control σ(s)∇log p_prior), the
   * finish adds log p_prior(X_N) − log ρ(X_N), as {@link LogRnd#reference}.
   */
  @Override
  public Optional<ChunkedSimulation> chunkedSimulation(GraphContext g, SimulationRequest req, int chunk) {
    if (hasFixedControl()) {
      return Optional.empty();
    }
    GaussianPrior prior = prior(req);
    Operand<TFloating> x0 =
        prior.sampleTiled(g, req.noise(), req.batch(), req.requirements().trajectoriesPerSample());
    java.util.function.Function<ChunkUnroll.Steps, ChunkUnroll.FedCoupling> reference = params.euler()
        ? referenceCoupling(prior)
        : null;
    return Optional.of(new ChunkUnroll(g, req, chunk, rule(req), x0, Tiling.zeros(g, req.batch()),
        steps -> ControlBuilder.bindFed(g, "dds", params.parameterisation(), params, req, prior, steps),
        reference,
        (gg, init, running, ito, last) -> new RndTerms(init, running, ito,
            Floating.view(gg.tf().math.sub(prior.logDensity(gg, last), req.target().logDensity(gg, last))), last)));
  }

  /**
   * The DDS rnd on target paths (docs/math.md §15): X_N ~ π run backwards through the reversible
   * exponential chain (integrator {@code exponential}), or through the exact transitions of the stationary
   * OU reference, which are the schedule's noising transitions when σ(s)² = 2c(s)κ² (integrator {@code euler},
   * checked by {@link #validate}).
   */
  @Override
  public Optional<RndTerms> targetPathRnd(GraphContext g, SimulationRequest req, Operand<TFloating> targetSamples) {
    GaussianPrior prior = prior(req);
    StepRule rule = rule(req);
    java.util.List<Operand<TFloating>> path =
        rule instanceof StepRule.Exponential exp
            ? TargetPaths.reversibleChain(g, req, targetSamples, exp)
            : TargetPaths.noising(g, req, targetSamples);
    return Optional.of(LogRnd.referenceOnPath(g, req, rule, control(g, req), coupling(req, prior), prior, path));
  }

  /**
   * {@link #targetPathRnd} as a chunk graph ({@link TargetPathChunk}): the reversible chain's or the noising
   * kernel backwards from X_N (with the fed reference control for Euler), the finish adds log p_prior(X_N) −
   * log ρ(X_N) as {@link LogRnd#referenceOnPath}.
   */
  @Override
  public Optional<ChunkedTargetPath> chunkedTargetPath(GraphContext g, SimulationRequest req, int chunk) {
    if (hasFixedControl()) {
      return Optional.empty();
    }
    GaussianPrior prior = prior(req);
    StepRule rule = rule(req);
    StepRule.Exponential exp = rule instanceof StepRule.Exponential e ? e : null;
    TargetPaths.Kernel kernel = exp != null ? TargetPaths.reversibleKernel(exp) : TargetPaths.noisingKernel(req);
    java.util.function.Function<ChunkUnroll.Steps, ChunkUnroll.FedCoupling> reference =
        exp == null ? referenceCoupling(prior) : null;
    return Optional.of(new TargetPathChunk(g, req, chunk, exp, kernel,
        steps -> ControlBuilder.bindFed(g, "dds", params.parameterisation(), params, req, prior, steps), reference,
        (gg, first, running, ito, last) -> new RndTerms(Tiling.zeros(gg, req.batch()), running, ito,
            Floating.view(gg.tf().math.sub(prior.logDensity(gg, last), req.target().logDensity(gg, last))), last)));
  }

  /** The Euler reference control r = σ(s)∇log p_prior as a fed coupling of the chunk graphs. */
  private static java.util.function.Function<ChunkUnroll.Steps, ChunkUnroll.FedCoupling> referenceCoupling(
      GaussianPrior prior) {
    return ChunkUnroll.reference(
        steps -> (gg, j, x) -> Floating.view(gg.tf().math.mul(prior.score(gg, x), steps.sigma(j))));
  }

  private GaussianPrior prior(SimulationRequest req) {
    return new GaussianPrior(req.target().dim(), 0.0, params.sigma(), params.priorTruncation());
  }

  /** The exponential integrator on the schedule's grid, or Euler–Maruyama of the schedule's SDE. */
  @Override
  StepRule stepRule(SimulationRequest req) {
    return rule(req);
  }

  private StepRule rule(SimulationRequest req) {
    TimeGrid grid = req.schedule().grid(req.timesteps());
    return params.euler()
        ? StepRule.euler(req.schedule(), grid)
        : StepRule.exponential(grid, params.alpha(), params.sigma());
  }

  /** Euler: the reference control r(s, x) = σ(s)∇log p_prior(x) (reference EulerDDS); exponential: none. */
  private Coupling coupling(SimulationRequest req, GaussianPrior prior) {
    if (!params.euler()) {
      return Coupling.none();
    }
    SdeSchedule sde = req.schedule();
    return Coupling.reference(
        (gg, k, s, x) -> Floating.view(gg.tf().math.mul(prior.score(gg, x), gg.scalar(sde.diffusion(s)))));
  }

  @Override
  StepControl trainableControl(GraphContext g, SimulationRequest req) {
    return ControlBuilder.bind(g, "dds", params.parameterisation(), params, req, prior(req));
  }
}
