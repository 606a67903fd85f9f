package dev.pathspace.experiments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code pathspace list}: every registered component per slot with its parameters and defaults. */
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
    ctx.out().print(RegistryListing.format(ctx.registry().get().describe()));
    ctx.out().flush();
    return 0;
  }
}
