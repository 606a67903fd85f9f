package dev.pathspace.experiments.cli;

import dev.pathspace.api.ConfigException;
import dev.pathspace.experiments.output.SampleFiles;
import dev.pathspace.experiments.output.SavedModelSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pathspace sample DIR --n N --out FILE}: draws N samples with log weights from the SavedModel in
 * {@code DIR/saved_model} (or DIR itself if it is a SavedModel) without any model-building code.
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description = "Draw samples and log weights from an exported SavedModel into a .csv or .npy file.")
final class SampleCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "DIR", description = "run directory (uses DIR/saved_model) or SavedModel directory")
  Path dir;

  @Option(names = "--n", required = true, paramLabel = "N", description = "number of samples")
  int n;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "output file: .csv or .npy")
  Path out;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "seed; call k of the model uses [S, k] (default ${DEFAULT-VALUE})")
  long seed;

  SampleCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (n < 1) {
      throw new ConfigException("Invalid --n " + n + ": must be >= 1");
    }
    Path d = ctx.workDir().resolve(dir);
    Path model = Files.exists(d.resolve("saved_model.pb")) ? d : d.resolve("saved_model");
    if (!Files.exists(model.resolve("saved_model.pb"))) {
      throw new ConfigException("No SavedModel in '" + d + "': run 'pathspace export " + dir + "' first");
    }
    Optional<ExportStamp> stamp = ExportStamp.read(model);
    if (stamp.isPresent()) {
      Optional<String> stale = stamp.get().staleness();
      if (stale.isPresent()) {
        throw new ConfigException("The SavedModel in '" + model + "' is stale: " + stale.get()
            + "; run 'pathspace export " + stamp.get().runDir() + "' again");
      }
    } else {
      ctx.err().println("warning: '" + model + "' has no " + ExportStamp.FILE + ": cannot check that it is current");
    }
    Path file = ctx.workDir().resolve(out);
    SavedModelSampler.Draw draw;
    try (SavedModelSampler s = new SavedModelSampler(model)) {
      draw = s.draw(n, seed);
    }
    SampleFiles.write(ctx.files(), file, draw.samples(), draw.logWeights());
    ctx.err().println("wrote " + n + " samples (d=" + draw.samples()[0].length + ") with log weights -> " + file);
    return 0;
  }
}
