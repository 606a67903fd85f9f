package dev.pathspace.api;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a sampler requires of its reference schedule, declared by {@link PathSampler#scheduleRequirement()}.
 * The composition root checks it and, when a schedule fails it, reports
 * {@code sampler '<id>' needs <need>; schedule '<key>' <violation>. Valid schedules: [...]}, listing the
 * registered schedules that satisfy it — no sampler writes that message itself.
 *
 * @param need what the sampler needs, e.g. {@code a drift-free (Brownian) reference}
 * @param violation what a rejected schedule has instead, e.g. {@code has drift}
 * @param accepts whether a schedule satisfies the requirement
 */
public record ScheduleRequirement(String need, String violation, Predicate<SdeSchedule> accepts) {
  /** Every schedule. */
  public static final ScheduleRequirement ANY = new ScheduleRequirement("any schedule", "", s -> true);

  /** A drift-free reference (scaled Brownian motion), e.g. for PIS. */
  public static final ScheduleRequirement DRIFT_FREE =
      new ScheduleRequirement("a drift-free (Brownian) reference", "has drift", SdeSchedule::driftFree);

  /** Checks the fields. */
  public ScheduleRequirement {
    Objects.requireNonNull(need, "need");
    Objects.requireNonNull(violation, "violation");
    Objects.requireNonNull(accepts, "accepts");
  }

  /** A process with a Gaussian stationary law, described as {@code need} (e.g. DIS's noising process). */
  public static ScheduleRequirement stationaryLaw(String need) {
    return new ScheduleRequirement(need, "has none", s -> s.stationaryStd().isPresent());
  }

  /** Whether {@code schedule} satisfies the requirement. */
  public boolean test(SdeSchedule schedule) {
    return accepts.test(schedule);
  }
}
