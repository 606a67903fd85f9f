package dev.pathspace.experiments.engine;

import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.Target;

/**
 * The four components of one run, as composed by the injector.
 *
 * @param sampler the sampler
 * @param divergence the training divergence
 * @param schedule the reference SDE schedule
 * @param target the target
 */
public record RunComponents(
    PathSampler sampler, PathDivergence divergence, SdeSchedule schedule, Target target) {}
