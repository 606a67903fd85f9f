package dev.pathspace.samplers;

import dev.pathspace.api.params.Describe;
import dev.pathspace.api.ChunkedSimulation;
import dev.pathspace.api.ChunkedTargetPath;
import dev.pathspace.api.ControlField;
import dev.pathspace.api.Floating;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.OffPolicyIncrements;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.ScheduleRef;
import dev.pathspace.api.ScheduleRequirement;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.Target;
import dev.pathspace.api.TimeGrid;
import dev.pathspace.api.Transition;
import dev.pathspace.samplers.nn.Activation;
import jakarta.inject.Inject;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Path integral sampler (PIS; Zhang &amp; Chen, "Path Integral Sampler", ICLR 2022): a controlled Brownian
 * motion dX = σ u ds + σ dW from a Dirac at {@code priorLoc}; the target path measure is the uncontrolled
 * Brownian motion reweighted at s = T by ρ/p_ref with p_ref = N(priorLoc, ∫σ² I) its terminal law (a
 * Föllmer process). Log-RND: docs/math.md §4.2 with r ≡ 0 and initial term 0 (prior = reference start). Optimal
 * control u*(s, x) = σ(s)∇log E[ρ/p_ref(X_T) | X_s = x]. Control parameterisation {@code score} (docs/math.md §6.5
 * ScoreCtrl, gain initialised to 0.01) or {@code network}.
 */
public final class PisSampler extends ControlledSampler<PisSampler.Params> {
  /**
   * PIS parameters.
   *
   * @param width hidden width of the control network
   * @param depth hidden layers on the state path
   * @param activation hidden activation
   * @param timeChannels Fourier frequencies of the time embedding
   * @param gainDepth hidden activations of the gain network's time embedding (reference: 3)
   * @param parameterisation {@code score} (network + gained target score) or {@code network}
   * @param clipModel elementwise clip of the network output and the gain
   * @param clipScore elementwise clip of the target score
   * @param priorLoc location of the Dirac prior (every coordinate)
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
      @Describe("location of the Dirac prior") double priorLoc) implements ControlParams {
    /** Validates every field. */
    public Params {
      ControlParams.check(width, depth, activation, timeChannels, gainDepth, clipModel, clipScore);
      Parameterisation.require(parameterisation, Parameterisation.SCORE, Parameterisation.NETWORK);
      if (!Double.isFinite(priorLoc)) {
        throw new IllegalArgumentException("priorLoc must be finite (got " + priorLoc + ")");
      }
    }

    /** Defaults: 2 hidden tanh layers of width 64, score parameterisation, clips 100, Dirac at 0. */
    public static Params defaults() {
      return new Params(64, 2, Activation.TANH, 32, 1, Parameterisation.SCORE, 100.0, 100.0, 0.0);
    }
  }

  /** The trainable PIS sampler. */
  @Inject
  public PisSampler(Params params) {
    this(params, null);
  }

  private PisSampler(Params params, ControlField fixedControl) {
    super(params, fixedControl);
  }

  @Override
  public String id() {
    return "pis";
  }

  /** {@code brownian} (registered default σ = √0.2, T = 5, reference bm_pis: σ²T = 1). */
  @Override
  public ScheduleRef defaultSchedule() {
    return ScheduleRef.of("brownian");
  }

  @Override
  public ScheduleRequirement scheduleRequirement() {
    return ScheduleRequirement.DRIFT_FREE;
  }

  @Override
  public long trainableParameterCount(int dim) {
    return params.controlParameterCount(dim, params.parameterisation() != Parameterisation.NETWORK);
  }

  @Override
  PathSampler withFixedControl(ControlField control) {
    return new PisSampler(params, control);
  }

  /** p_ref = N(priorLoc·a, v I) with (a, v) the uncontrolled transition over [0, T]. */
  static GaussianPrior referenceTerminal(SdeSchedule sde, int d, double loc) {
    Transition tr = sde.generativeTransition(0, sde.terminalTime());
    return new GaussianPrior(d, loc * tr.meanScale(), Math.sqrt(tr.variance()));
  }

  @Override
  public RndTerms simulate(GraphContext g, SimulationRequest req) {
    int d = req.target().dim();
    Operand<TFloating> x0 = Tiling.filled(g, req.batch(), d, params.priorLoc());
    return LogRnd.reference(
        g, req, rule(req), x0, control(g, req), Coupling.none(),
        referenceTerminal(req.schedule(), d, params.priorLoc()));
  }

  @Override
  public Optional<OffPolicyIncrements> offPolicyIncrements(GraphContext g, SimulationRequest req) {
    return increments(g, req, rule(req), Coupling.none());
  }

  /**
   * The chunk graph of the trainable control (docs/performance.md, chunk graph): the start is the Dirac
   * state (initial term 0), the finish adds log p_ref(X_N) − log ρ(X_N), as {@link LogRnd#reference}.
   */
  @Override
  public Optional<ChunkedSimulation> chunkedSimulation(GraphContext g, SimulationRequest req, int chunk) {
    if (hasFixedControl()) {
      return Optional.empty();
    }
    int d = req.target().dim();
    Operand<TFloating> x0 = Tiling.filled(g, req.batch(), d, params.priorLoc());
    GaussianPrior ref = referenceTerminal(req.schedule(), d, params.priorLoc());
    return Optional.of(new ChunkUnroll(g, req, chunk, x0, Tiling.zeros(g, req.batch()),
        steps -> ControlBuilder.bindFed(g, "pis", params.parameterisation(), params, req, null, steps),
        (gg, init, running, ito, last) -> new RndTerms(init, running, ito,
            Floating.view(gg.tf().math.sub(ref.logDensity(gg, last), req.target().logDensity(gg, last))), last)));
  }

  /**
   * The PIS rnd on target paths: the Brownian bridge of the (Euler) reference from the Dirac at {@code
   * priorLoc} to X_N ~ π (docs/math.md §15).
   */
  @Override
  public Optional<RndTerms> targetPathRnd(GraphContext g, SimulationRequest req, Operand<TFloating> targetSamples) {
    int d = req.target().dim();
    return Optional.of(
        LogRnd.referenceOnPath(
            g, req, rule(req), control(g, req), Coupling.none(),
            referenceTerminal(req.schedule(), d, params.priorLoc()),
            TargetPaths.brownianBridge(g, req, targetSamples, params.priorLoc())));
  }

  /**
   * {@link #targetPathRnd} as a chunk graph ({@link TargetPathChunk}): the Brownian-bridge kernel backwards
   * from X_N, the finish adds log p_ref(X_N) − log ρ(X_N) as {@link LogRnd#referenceOnPath}.
   */
  @Override
  public Optional<ChunkedTargetPath> chunkedTargetPath(GraphContext g, SimulationRequest req, int chunk) {
    if (hasFixedControl()) {
      return Optional.empty();
    }
    GaussianPrior ref = referenceTerminal(req.schedule(), req.target().dim(), params.priorLoc());
    return Optional.of(new TargetPathChunk(g, req, chunk, null, TargetPaths.bridgeKernel(req, params.priorLoc()),
        steps -> ControlBuilder.bindFed(g, "pis", params.parameterisation(), params, req, null, steps), null,
        (gg, first, running, ito, last) -> new RndTerms(Tiling.zeros(gg, req.batch()), running, ito,
            Floating.view(gg.tf().math.sub(ref.logDensity(gg, last), req.target().logDensity(gg, last))), last)));
  }

  private static StepRule rule(SimulationRequest req) {
    return StepRule.euler(req.schedule(), req.schedule().grid(req.timesteps()));
  }

  @Override
  StepControl trainableControl(GraphContext g, SimulationRequest req) {
    return ControlBuilder.bind(g, "pis", params.parameterisation(), params, req, null);
  }
}
