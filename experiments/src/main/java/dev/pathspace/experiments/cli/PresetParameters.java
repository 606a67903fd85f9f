package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.compose.RunPlan;
import dev.pathspace.experiments.compose.RunPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The trainable parameter counts that {@code pathspace list} prints for the reference presets
 * ({@code ref-*}): each preset planned on the reference's targets (issue 10: the 2-D GMM, the 10-D funnel,
 * the 1-D shifted double well, and for PIS many-well d = 50 with m = 5, δ = 2 as in
 * examples/sweeps/reproduction-cpu.yaml), counted by {@link dev.pathspace.api.PathSampler#parameterCount}
 * from the network shapes, without TensorFlow (the count equals the size of the variables the sampler
 * builds: ReferencePresetsTest).
 */
final class PresetParameters {
  /** Prefix of the reference presets' names. */
  static final String REFERENCE_PREFIX = "ref-";

  /** One target of the counts: its label in the listing and the overrides that select it. */
  record CountTarget(String label, List<String> overrides) {}

  /** The targets every reference preset is counted on. */
  static final List<CountTarget> TARGETS = List.of(
      new CountTarget("gmm", List.of("target=gmm")),
      new CountTarget("funnel", List.of("target=funnel")),
      new CountTarget("double well", List.of("target=double-well")));

  /** The many-well target (d = 50, m = 5, δ = 2) the reference PIS is also counted on. */
  static final CountTarget MANY_WELL_50 = new CountTarget("many-well d=50",
      List.of("target=many-well", "target.dim=50", "target.wells=5", "target.separation=2.0"));

  private final RunPlanner planner;

  /** @param registry the registry the presets are planned against */
  PresetParameters(PluginRegistry registry) {
    this.planner = new RunPlanner(registry);
  }

  /** Whether {@code preset} is a reference preset (its counts are listed). */
  static boolean isReference(String preset) {
    return preset.startsWith(REFERENCE_PREFIX);
  }

  /** The targets {@code preset} is counted on. */
  static List<CountTarget> targets(String preset) {
    List<CountTarget> out = new ArrayList<>(TARGETS);
    if (preset.equals("ref-pis")) {
      out.add(MANY_WELL_50);
    }
    return List.copyOf(out);
  }

  /**
   * The count of {@code preset} on {@code target}: empty when the sampler cannot count its parameters.
   *
   * @throws ConfigException when the preset cannot be planned on the target (e.g. a missing plug-in)
   */
  OptionalLong count(String preset, CountTarget target) {
    RunPlan plan = planner.plan(List.of(preset), null, List.of(target.overrides()));
    return plan.components().sampler().parameterCount(plan.components().target().dim());
  }

  /**
   * The listing text of {@code preset}: {@code "parameters: gmm 37 827, funnel 38 859, double well 37 698"}
   * ({@code unknown} where the sampler cannot count, {@code unavailable} where the preset cannot be planned).
   */
  String describe(String preset) {
    List<String> parts = new ArrayList<>();
    for (CountTarget t : targets(preset)) {
      String value;
      try {
        OptionalLong n = count(preset, t);
        value = n.isPresent() ? grouped(n.getAsLong()) : "unknown";
      } catch (ConfigException e) {
        value = "unavailable";
      }
      parts.add(t.label() + " " + value);
    }
    return "parameters: " + String.join(", ", parts);
  }

  /** {@code n} with a space between thousands (37 827). */
  static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
  }
}
