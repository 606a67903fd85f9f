package dev.pathspace.experiments.engine;

import dev.pathspace.api.ConfigException;
import dev.pathspace.api.Floating;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Exports a trained sampler as a TensorFlow SavedModel (TF Java guide §8): a fresh graph holding only the
 * evaluation unroll of the run's components (same variable names as the training graph, so
 * {@code Session.restore} reads exactly these variables from the newest checkpoint; with EMA the unroll
 * reads the {@code ema/} shadows as {@code evaluate()} does), with one signature
 *
 * <pre>sample(seed: int64[2]) -&gt; {samples [B, d], log_rnd [B], log_rnd_no_ito [B]}</pre>
 *
 * where B = min(eval.chunk, eval.batch) and the outputs have the run's precision. The noise is
 * StatelessRandomNormal keyed by {@code seed} (stream 2, as the evaluation graph), so
 * {@code seed = [run seed + 7919, 1000000 + c]} reproduces chunk c of the run's evaluation.
 * {@code −log_rnd} are the log importance weights of the samples (spec §4.6).
 */
public final class SavedModelExport {
  /** Name of the exported function. */
  public static final String FUNCTION = "sample";

  private SavedModelExport() {}

  /**
   * Writes the SavedModel of the newest checkpoint in {@code checkpointDir} to {@code exportDir}
   * (replaced if it exists); returns B.
   *
   * @throws ConfigException if there is no checkpoint
   */
  public static int export(RunComponents c, RunConfig cfg, Path checkpointDir, Path exportDir) {
    Checkpoints checkpoints = new Checkpoints(checkpointDir);
    Path latest = checkpoints.latest().orElseThrow(() -> new ConfigException(
        "No checkpoint in '" + checkpointDir + "': train the run first (pathspace run / run --resume)"));
    int batch = Math.min(cfg.eval().chunk(), cfg.eval().batch());
    try (Graph graph = new Graph()) {
      Class<? extends TFloating> dtype = cfg.precision().equals("float64") ? TFloat64.class : TFloat32.class;
      // scheduled scalars (e.g. clip values) are fixed at their value after the checkpoint's last update
      TfGraphContext ctx = new TfGraphContext(graph, dtype, cfg.seed(), finalScheduledValues(c, cfg, latest));
      Ops tf = ctx.tf();
      Placeholder<TInt64> seed = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      RndTerms ev = c.sampler().simulate(ctx, request(c, cfg, ctx, seed, batch));
      boolean ema = cfg.train().emaDecay() > 0 && c.sampler().trainable() && !ctx.trainables().isEmpty();
      if (ema) { // second unroll reading the EMA shadows, exactly as the training program's evaluation view
        Map<String, Variable<TFloating>> shadows = new LinkedHashMap<>();
        for (TfGraphContext.Trainable t : ctx.trainables()) {
          shadows.put(t.name(), GraphVariables.castVar(tf.withName(TfGraphContext.opName("ema/" + t.name()))
              .variable(ctx.constantIn(tf.withInitScope(), t.init(), t.shape()))));
        }
        TfGraphContext view = ctx.readingVia(t -> Floating.view(tf.identity(shadows.get(t.name()))));
        ev = c.sampler().simulate(view, request(c, cfg, view, seed, batch));
      }
      Operand<TFloating> samples = Floating.view(tf.withName("samples").identity(ev.samples()));
      Operand<TFloating> logRnd = Floating.view(tf.withName("log_rnd").identity(ev.logRnd(tf)));
      Operand<TFloating> noIto = Floating.view(tf.withName("log_rnd_no_ito").identity(ev.withoutIto(tf)));
      try (Session session = new Session(graph, Experiment.sessionConfig(cfg))) {
        if (!ctx.trainables().isEmpty()) {
          session.restore(latest.resolve("variables").toString());
        }
        Signature sig = Signature.builder(FUNCTION).input("seed", seed).output("samples", samples)
            .output("log_rnd", logRnd).output("log_rnd_no_ito", noIto).build();
        deleteRecursively(exportDir);
        SavedModelBundle.exporter(exportDir.toString()).withFunction(session.function(sig)).export();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export SavedModel to " + exportDir, e);
    }
    return batch;
  }

  /**
   * The value of every configured scalar schedule after the updates applied up to {@code checkpoint}
   * (its step minus its skipped steps), keyed by scalar name, as {@code Experiment.evaluate} feeds them.
   */
  private static Map<String, Double> finalScheduledValues(RunComponents c, RunConfig cfg, Path checkpoint)
      throws IOException {
    if (cfg.train().scalarSchedules().isEmpty()) {
      return Map.of();
    }
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newBufferedReader(checkpoint.resolve("state.properties"))) {
      p.load(in);
    }
    int updates = Integer.parseInt(p.getProperty("step")) - Integer.parseInt(p.getProperty("skipped", "0"));
    // the bases come from the components: probe them in a throw-away graph
    try (Graph probe = new Graph()) {
      Class<? extends TFloating> dtype = cfg.precision().equals("float64") ? TFloat64.class : TFloat32.class;
      TfGraphContext ctx = new TfGraphContext(probe, dtype, cfg.seed());
      Placeholder<TInt64> seed = ctx.tf().placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      c.sampler().simulate(ctx, request(c, cfg, ctx, seed, 1));
      return ScalarSchedules.finalValues(ctx.scheduledScalars(), cfg.train(), updates);
    }
  }

  private static SimulationRequest request(
      RunComponents c, RunConfig cfg, TfGraphContext ctx, Placeholder<TInt64> seed, int batch) {
    return new SimulationRequest(c.schedule(), c.target(), batch, cfg.train().timesteps(),
        new SimulationRequirements(false, true, 1), new StatelessNoise(ctx, seed, 2), false);
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
