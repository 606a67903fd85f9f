package dev.pathspace.experiments.cli;

import dev.pathspace.experiments.compose.PluginRegistry;
import dev.pathspace.experiments.config.Presets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code pathspace list}: every registered component per slot with its parameters and defaults, then the
 * shipped presets ({@code --preset=NAME}) with the first sentence of their description and, for the
 * reference presets, their trainable parameter counts on the reference's targets ({@link PresetParameters}).
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the registered samplers, divergences, schedules and targets with their parameters.")
final class ListCommand implements Callable<Integer> {
  private final CliContext ctx;

  ListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    PluginRegistry registry = ctx.registry().get();
    ctx.out().print(RegistryListing.format(registry.describe()));
    ctx.out().println("preset  (--preset=<name>; a run prints its trainable parameters and writes them to"
        + " summary.json as trainable_parameters)");
    PresetParameters counts = new PresetParameters(registry);
    for (String name : Presets.names()) {
      String about = firstSentence(Presets.about(name));
      ctx.out().printf("  %-20s %s%n", name,
          PresetParameters.isReference(name) ? about + "  " + counts.describe(name) : about);
    }
    ctx.out().flush();
    return 0;
  }

  /** The text up to the first sentence end (". " before a capital), on one line, at most 150 characters. */
  private static String firstSentence(String about) {
    String one = about.replaceAll("\\s+", " ").trim();
    java.util.regex.Matcher end = java.util.regex.Pattern.compile("\\. (?=[A-Z])").matcher(one);
    String first = end.find() ? one.substring(0, end.start() + 1) : one;
    return first.length() <= 150 ? first : first.substring(0, 149) + "…";
  }
}
