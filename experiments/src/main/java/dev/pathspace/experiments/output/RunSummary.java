package dev.pathspace.experiments.output;

import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.TrainSummary;
import dev.pathspace.experiments.metrics.MetricValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The outcome of one run, what {@code summary.json} holds: the components, the training outcome, the
 * evaluation metrics and the final divergence diagnostics. {@link #toJsonMap()} gives the file's keys and
 * order (unchanged since summaries were plain maps, so {@code collect} and sweeps read old and new runs
 * alike).
 *
 * @param sampler sampler key
 * @param divergence divergence key
 * @param schedule schedule key (resolved)
 * @param target target key
 * @param dim target dimension
 * @param seed run seed
 * @param train the training outcome
 * @param metrics the evaluation metrics, in order
 * @param resumedFromStep the checkpoint step training resumed from, if it did (from > 0)
 */
public record RunSummary(
    String sampler,
    String divergence,
    String schedule,
    String target,
    int dim,
    long seed,
    TrainSummary train,
    MetricValues metrics,
    OptionalInt resumedFromStep) {

  /** The summary of a run of {@code config}; {@code resumedFrom} > 0 records a resumed run. */
  public static RunSummary of(
      RunConfig config, int dim, TrainSummary train, MetricValues metrics, int resumedFrom) {
    return new RunSummary(config.sampler().type(), config.divergence().type(), config.schedule().type(),
        config.target().type(), dim, config.seed(), train, metrics,
        resumedFrom > 0 ? OptionalInt.of(resumedFrom) : OptionalInt.empty());
  }

  /** A metric value (NaN when absent or undefined). */
  public double metric(String key) {
    return metrics.get(key);
  }

  /**
   * The {@code summary.json} keys in order: sampler, divergence, schedule, target, dim, seed, train_steps,
   * train_seconds, build_seconds, steps_skipped, trainable_parameters (when known), then the metrics in their order, then the final step's
   * divergence diagnostics prefixed {@code final_}, then {@code resumed_from_step} for a resumed run.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sampler", sampler);
    m.put("divergence", divergence);
    m.put("schedule", schedule);
    m.put("target", target);
    m.put("dim", dim);
    m.put("seed", seed);
    m.put("train_steps", train.steps());
    m.put("train_seconds", train.seconds());
    m.put("build_seconds", train.buildSeconds());
    m.put("steps_skipped", train.skipped());
    if (train.trainableParameters() >= 0) {
      m.put("trainable_parameters", train.trainableParameters());
    }
    m.putAll(metrics.asMap());
    if (train.finalDiagnostics() != null) {
      train.finalDiagnostics().forEach((k, v) -> m.put("final_" + k, v));
    }
    resumedFromStep.ifPresent(s -> m.put("resumed_from_step", s));
    return Collections.unmodifiableMap(m);
  }
}
