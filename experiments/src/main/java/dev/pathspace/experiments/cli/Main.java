package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code pathspace} command line; exit codes in {@link ExitCodes} (0 only for a
 * complete run with finite results). Errors end with one message on stderr, never a stack trace (set
 * {@code PATHSPACE_DEBUG=1} to see it).
 */
@Command(
    name = "pathspace",
    mixinStandardHelpOptions = true,
    version = "pathspace 0.1.0",
    description = "Diffusion samplers trained by path-space divergences.",
    footer = {"", "Exit codes:",
      "  0    complete with finite results",
      "  1    runtime failure (e.g. training diverged)",
      "  2    bad configuration/usage, refused run directory, stale export, too big",
      "  3    bench regression",
      "  4    trained, but the evaluation is non-finite",
      "  5    did not train (more than --max-skipped-fraction of steps skipped)",
      "  6    a file could not be written (disk full, I/O error)",
      "  130  SIGINT/SIGTERM: checkpoint written; continue with 'run --resume DIR'",
      "Details: docs/reliability.md"},
    synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {
  /** Exit code of configuration and usage errors. */
  public static final int EXIT_CONFIG = ExitCodes.CONFIG;
  /** Exit code of runtime failures. */
  public static final int EXIT_FAILURE = ExitCodes.FAILURE;

  @Spec CommandSpec spec;

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true"); // plots are rendered off-screen
    }
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the production context; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, CliContext.standard(out, err));
  }

  /** Runs the command line with {@code ctx}; returns the exit code. */
  public static int run(String[] args, CliContext ctx) {
    return commandLine(ctx.withArgs(java.util.List.of(args))).execute(args);
  }

  /** The configured picocli command line. */
  static CommandLine commandLine(CliContext ctx) {
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand("run", new RunCommand(ctx));
    cl.addSubcommand("list", new ListCommand(ctx));
    cl.addSubcommand("bench", new BenchCommand(ctx));
    cl.addSubcommand("sweep", new SweepCommand(ctx));
    cl.addSubcommand("collect", new CollectCommand(ctx));
    cl.addSubcommand("rerun", new RerunCommand(ctx));
    cl.addSubcommand("export", new ExportCommand(ctx));
    cl.addSubcommand("sample", new SampleCommand(ctx));
    cl.setOut(new PrintWriter(new OutputStreamWriter(ctx.out(), StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(ctx.err(), StandardCharsets.UTF_8), true));
    cl.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          if (ex instanceof ConfigException) {
            ctx.err().println("error: " + ex.getMessage());
            return EXIT_CONFIG;
          }
          if (ex instanceof dev.pathspace.experiments.engine.TrainingDivergedException) {
            // an expected outcome of training, not a bug: the message says what happened and what to try;
            // metrics.csv and the checkpoints written so far are kept
            ctx.err().println("error: " + ex.getMessage());
            return EXIT_FAILURE;
          }
          if (ex instanceof dev.pathspace.experiments.storage.WriteFailedException w) {
            ctx.err().println("error: " + w.getMessage());
            return ExitCodes.STORAGE;
          }
          ctx.err().println("error: " + ex);
          if (ctx.env().containsKey("PATHSPACE_DEBUG")) {
            ex.printStackTrace(ctx.err());
          } else {
            ctx.err().println("(this is a bug or an unexpected fault; set PATHSPACE_DEBUG=1 for the stack trace)");
          }
          return EXIT_FAILURE;
        });
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: use run, list, bench, sweep, collect, rerun, export or sample (see --help)");
  }
}
