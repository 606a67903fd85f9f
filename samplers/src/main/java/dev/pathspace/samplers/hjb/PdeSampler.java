package dev.pathspace.samplers.hjb;

import dev.pathspace.api.params.Describe;
import dev.pathspace.api.ConfigException;
import dev.pathspace.api.OptionNames;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.ScheduleRef;
import dev.pathspace.api.ScheduleRequirement;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.Target;
import dev.pathspace.samplers.DdsSampler;
import dev.pathspace.samplers.DisSampler;
import dev.pathspace.samplers.PisSampler;
import jakarta.inject.Inject;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The network-free {@code pde} sampler (docs/math.md §13): a base sampler (DIS, PIS or DDS with its default
 * parameters) run with the exact optimal control u* of {@link ExactControl} through {@code
 * withControl(...)}. With u* the log-RND is −log Z up to the Euler–Maruyama error, so its log Z error is
 * the time-discretisation floor against which learned samplers on the same target and grid are measured,
 * and a check of each sampler's log-RND bookkeeping. Targets of dimension 1 or 2 only; the tables are
 * computed per (target, schedule) on first use and cached.
 */
public final class PdeSampler implements PathSampler {
  /** The sampler whose chain and log-RND are used. */
  public enum Base {
    /** Time-reversed diffusion sampler on its VP/OU schedule. */
    DIS,
    /** Path integral sampler on its Brownian schedule. */
    PIS,
    /** Denoising diffusion sampler (the default exponential integrator, σ = α = 1). */
    DDS;

    /** The config value ({@code dis}, {@code pis}, {@code dds}). */
    @Override
    public String toString() {
      return OptionNames.of(this);
    }
  }

  /**
   * pde parameters.
   *
   * @param base the sampler run with u*
   * @param inputPoints nodes per axis of the target grid (0 = default: 4001 in 1-D, 601 in 2-D)
   * @param outputPoints nodes per axis of the control tables (0 = default: 1201 in 1-D, 201 in 2-D)
   */
  public record Params(@Describe("sampler whose exact control is used: dis, pis or dds") Base base, @Describe("grid points per axis for the target") int inputPoints, @Describe("grid points per axis for the control table") int outputPoints) {
    /** Validates the grid sizes. */
    public Params {
      if (base == null) {
        throw new IllegalArgumentException("base must be one of [dis, pis, dds]");
      }
      if (inputPoints != 0 && inputPoints < 16) {
        throw new IllegalArgumentException("inputPoints must be 0 (default) or >= 16 (got " + inputPoints + ")");
      }
      if (outputPoints != 0 && outputPoints < 4) {
        throw new IllegalArgumentException("outputPoints must be 0 (default) or >= 4 (got " + outputPoints + ")");
      }
    }

    /** Defaults: DIS, default grids. */
    public static Params defaults() {
      return new Params(Base.DIS, 0, 0);
    }
  }

  private final Params params;
  private final PathSampler base;
  private final Map<Target, Map<SdeSchedule, PathSampler>> cache = new IdentityHashMap<>();

  /** The pde sampler over the configured base. */
  @Inject
  public PdeSampler(Params params) {
    this.params = params;
    this.base = switch (params.base()) {
      case DIS -> new DisSampler(DisSampler.Params.defaults());
      case PIS -> new PisSampler(PisSampler.Params.defaults());
      case DDS -> new DdsSampler(DdsSampler.Params.defaults());
    };
  }

  @Override
  public String id() {
    return "pde";
  }

  /** The base sampler's default schedule. */
  @Override
  public ScheduleRef defaultSchedule() {
    return base.defaultSchedule();
  }

  /** The base sampler's schedule requirement. */
  @Override
  public ScheduleRequirement scheduleRequirement() {
    return base.scheduleRequirement();
  }

  @Override
  public void validate(SdeSchedule schedule, Target target) {
    if (target.dim() < 1 || target.dim() > 2) {
      throw new ConfigException(
          "sampler 'pde' needs a target of dimension 1 or 2 (exact grid controls); target '" + target.id()
              + "' has target.dim = " + target.dim() + ". Valid: target.dim in [1, 2]");
    }
    base.validate(schedule, target);
  }

  /** No trainable parameters. */
  @Override
  public boolean trainable() {
    return false;
  }

  @Override
  public RndTerms simulate(dev.pathspace.api.GraphContext g, SimulationRequest req) {
    return optimal(req.target(), req.schedule()).simulate(g, req);
  }

  /** The base sampler with u* for this target and schedule (cached). */
  PathSampler optimal(Target target, SdeSchedule schedule) {
    return cache.computeIfAbsent(target, t -> new IdentityHashMap<>()).computeIfAbsent(schedule, s -> {
      GridSpec spec = GridSpec.defaults(target.dim());
      if (params.inputPoints() > 0) {
        spec = spec.withInputPoints(params.inputPoints());
      }
      if (params.outputPoints() > 0) {
        spec = spec.withOutputPoints(params.outputPoints());
      }
      ExactControl exact = new ExactControl(target, problem(s), spec);
      return base.withControl(new GridControlField(exact)).orElseThrow();
    });
  }

  private ControlProblem problem(SdeSchedule s) {
    return switch (params.base()) {
      case DIS -> ControlProblem.dis(s);
      case PIS -> ControlProblem.pis(s, PisSampler.Params.defaults().priorLoc());
      case DDS -> {
        DdsSampler.Params d = DdsSampler.Params.defaults();
        yield ControlProblem.ddsExponential(d.alpha(), d.sigma(), s.terminalTime());
      }
    };
  }
}
