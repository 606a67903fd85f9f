package dev.pathspace.samplers;

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
import dev.pathspace.samplers.nn.FourierMlp;
import dev.pathspace.samplers.nn.NetworkParams;
import dev.pathspace.samplers.nn.TimeGain;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Time-reversed diffusion sampler (DIS; Berner, Richter &amp; Ullrich, "An optimal control perspective on
 * diffusion-based generative modeling", TMLR 2024): the generative SDE is trained to be the time reversal
 * of a noising OU/VP process started at the target; it starts from the noising process's Gaussian
 * stationary law. Optimal control u*(s, x) = σ(s) ∇log p^{noise}_{T−s}(x). Log-RND: spec §4.1 (v ≡ 0).
 * Control parameterisation {@code lerp} (spec §6.5 LerpCtrl): u = clip(NN) + σ(s)·clip((1 − s/T)∇log
 * p_prior + (s/T)∇log ρ)·clip(g(s)); {@code network}: u = clip(NN) (spec {@code dis_no_score}).
 */
public final class DisSampler implements PathSampler {
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
      String activation,
      int timeChannels,
      String parameterisation,
      double clipModel,
      double clipScore,
      double priorScale) {
    /** Validates every field. */
    public Params {
      new NetworkParams(width, depth, activation, timeChannels);
      if (!List.of("lerp", "network").contains(parameterisation)) {
        throw new IllegalArgumentException(
            "parameterisation must be one of [lerp, network] (got '" + parameterisation + "')");
      }
      ParamChecks.positive("clipModel", clipModel);
      ParamChecks.positive("clipScore", clipScore);
      if (priorScale < 0) {
        throw new IllegalArgumentException("priorScale must be >= 0 (got " + priorScale + ")");
      }
    }

    /** Defaults: 2 hidden tanh layers of width 64, lerp parameterisation, clips 100. */
    public static Params defaults() {
      return new Params(64, 2, "tanh", 32, "lerp", 100.0, 100.0, 0.0);
    }

    NetworkParams network() {
      return new NetworkParams(width, depth, activation, timeChannels);
    }
  }

  private final Params params;
  private final ControlField fixedControl;

  /** The trainable DIS sampler. */
  @Inject
  public DisSampler(Params params) {
    this(params, null);
  }

  private DisSampler(Params params, ControlField fixedControl) {
    this.params = params;
    this.fixedControl = fixedControl;
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
  public Optional<PathSampler> withControl(ControlField control) {
    return Optional.of(new DisSampler(params, control));
  }

  @Override
  public boolean trainable() {
    return fixedControl == null;
  }

  @Override
  public RndTerms simulate(GraphContext g, SimulationRequest req) {
    GaussianPrior prior = prior(req);
    return TimeReversalUnroll.run(g, req, prior, control(g, req, prior));
  }

  @Override
  public Optional<OffPolicyIncrements> offPolicyIncrements(GraphContext g, SimulationRequest req) {
    TimeReversalUnroll.StepControl control = control(g, req, prior(req));
    TimeGrid grid = req.schedule().grid(req.timesteps());
    return Optional.of(
        (gg, k, xk, xk1) -> TimeReversalUnroll.increment(gg, req.schedule(), grid, control, k, xk, xk1));
  }

  private GaussianPrior prior(SimulationRequest req) {
    double scale =
        params.priorScale() > 0 ? params.priorScale() : req.schedule().stationaryStd().orElseThrow();
    return new GaussianPrior(req.target().dim(), 0.0, scale);
  }

  private TimeReversalUnroll.StepControl control(GraphContext g, SimulationRequest req, GaussianPrior prior) {
    if (fixedControl != null) {
      return (gg, k, s, x) -> fixedControl.apply(gg, s, x);
    }
    SdeSchedule sde = req.schedule();
    Target target = req.target();
    int d = target.dim();
    TimeGrid grid = sde.grid(req.timesteps());
    double[] left = java.util.Arrays.copyOf(grid.times(), grid.steps());
    FourierMlp.Bound net = new FourierMlp("dis/ctrl", d, d, params.network()).bind(g, left);
    boolean lerp = params.parameterisation().equals("lerp");
    List<Operand<TFloating>> gain =
        lerp ? new TimeGain("dis/gain", params.network(), 1.0).rows(g, left) : List.of();
    double terminal = sde.terminalTime();
    return (gg, k, s, x) -> {
      Ops tf = gg.tf();
      Operand<TFloating> nn = clip(gg, net.apply(gg, k, x), params.clipModel());
      if (!lerp) {
        return nn;
      }
      double lambda = s / terminal;
      Operand<TFloating> score =
          Floating.view(
              tf.math.add(
                  tf.math.mul(prior.score(gg, x), gg.scalar(1 - lambda)),
                  tf.math.mul(target.score(gg, x), gg.scalar(lambda))));
      Operand<TFloating> scaled =
          Floating.view(
              tf.math.mul(
                  tf.math.mul(clip(gg, score, params.clipScore()), gg.scalar(sde.diffusion(s))),
                  clip(gg, gain.get(k), params.clipModel())));
      return Floating.view(tf.math.add(nn, scaled));
    };
  }

  static Operand<TFloating> clip(GraphContext g, Operand<TFloating> x, double c) {
    return Floating.view(g.tf().clipByValue(x, g.scalar(-c), g.scalar(c)));
  }
}
