package dev.pathspace.samplers.hjb;

import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;
import dev.pathspace.samplers.DdsSampler;
import dev.pathspace.samplers.DisSampler;
import dev.pathspace.samplers.Integrator;
import dev.pathspace.samplers.PisSampler;
import java.util.Optional;

/**
 * Which {@link ControlProblem} a configured sampler solves on a schedule and target, or why it has none
 * (docs/math.md §13–§14): DIS on a schedule with a Gaussian stationary law and its stationary prior, PIS
 * on a drift-free schedule from its Dirac, DDS with either integrator; targets of dimension 1 or 2 only
 * (the grid). The bridge (its optimal generative control depends on the learned inference control), the
 * Langevin baseline and the pde sampler itself have none.
 */
public final class ExactProblems {
  /**
   * The answer: a problem, or the reason there is none.
   *
   * @param problem the control problem, when one applies
   * @param reason why none applies (empty when {@code problem} is present)
   */
  public record Applicability(Optional<ControlProblem> problem, String reason) {
    static Applicability of(ControlProblem p) {
      return new Applicability(Optional.of(p), "");
    }

    static Applicability none(String reason) {
      return new Applicability(Optional.empty(), reason);
    }
  }

  private ExactProblems() {}

  /** The exact control problem of {@code sampler} on {@code schedule} for {@code target}, or the reason. */
  public static Applicability of(PathSampler sampler, SdeSchedule schedule, Target target) {
    int d = target.dim();
    if (d < 1 || d > 2) {
      return Applicability.none("target dimension d = " + d + " > 2: no exact grid control");
    }
    if (sampler instanceof DisSampler dis) {
      if (schedule.stationaryStd().isEmpty()) {
        return Applicability.none("schedule '" + schedule.id() + "' has no stationary law (DIS needs an OU/VP one)");
      }
      double kappa = schedule.stationaryStd().getAsDouble();
      double scale = dis.params().priorScale();
      if (scale > 0 && Math.abs(scale - kappa) > 1e-9 * Math.max(1, kappa)) {
        return Applicability.none("sampler.priorScale = " + scale + " differs from the schedule's stationary std "
            + kappa + ": u* = σ∇log p_{T−s} is the optimum only for the stationary prior");
      }
      return Applicability.of(ControlProblem.dis(schedule));
    }
    if (sampler instanceof PisSampler pis) {
      if (!schedule.driftFree()) {
        return Applicability.none("schedule '" + schedule.id() + "' has drift (PIS needs a Brownian reference)");
      }
      return Applicability.of(ControlProblem.pis(schedule, pis.params().priorLoc()));
    }
    if (sampler instanceof DdsSampler dds) {
      DdsSampler.Params p = dds.params();
      if (p.integrator() == Integrator.EULER) {
        if (schedule.stationaryStd().isEmpty()) {
          return Applicability.none("schedule '" + schedule.id() + "' has no stationary law (DDS euler needs one)");
        }
        return Applicability.of(ControlProblem.ddsEuler(schedule));
      }
      return Applicability.of(ControlProblem.ddsExponential(p.alpha(), p.sigma(), schedule.terminalTime()));
    }
    return Applicability.none("sampler '" + sampler.id() + "' has no exact control problem (DIS, PIS and DDS have)");
  }
}
