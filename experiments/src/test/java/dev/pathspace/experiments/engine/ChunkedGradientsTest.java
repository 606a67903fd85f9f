package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.tf.TensorData;
import dev.pathspace.divergences.LogVarianceDivergence;
import dev.pathspace.divergences.MomentDivergence;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.samplers.DdsSampler;
import dev.pathspace.samplers.Integrator;
import dev.pathspace.samplers.Parameterisation;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TInt64;

/**
 * The chunked off-policy gradient (states stored, per-step increments re-differentiated chunk by chunk)
 * equals the gradient of the whole detached unroll, for log-variance and the moment loss. It is the
 * fallback of {@code train.gradientChunk} for samplers without a chunk graph, here DDS's exponential
 * integrator with its chunk graph hidden (DIS, PIS and DDS itself use {@link ChunkGraphGradients}, see
 * ChunkGraphGradientsTest).
 */
class ChunkedGradientsTest {
  private static RunConfig config(int chunk) {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    return new RunConfig(x, x, x, x,
        new TrainSettings(1, 16, 7, 1e-3, 1.0, 0.0, 0.0, true, 1, 1, chunk),
        new EvalSettings(4, 4, 4), 11, "float64", 1, 1);
  }

  private static List<double[]> gradients(PathDivergence div, int chunk, double[] lossOut) {
    DdsSampler dds = new DdsSampler(new DdsSampler.Params(
        6, 2, Activation.TANH, 3, 1, Parameterisation.SCORE, 100, 100, 1.0, 1.0, Integrator.EXPONENTIAL, 0.0));
    RunComponents c = new RunComponents(withoutChunkGraph(dds), div, new VpFixtureSchedule(),
        new GaussianFixtureTarget(2, 0.5, 0.8, 0.3));
    try (Graph graph = new Graph()) {
      TrainingProgram p = new TrainingProgram(graph, c, config(chunk));
      assertThat(p.chunkOps.isEmpty()).isEqualTo(chunk == 0);
      assertThat(p.hostGradients).isNull();
      try (Session s = new Session(graph, Experiment.sessionConfig(config(chunk)));
          TInt64 seed = TInt64.vectorOf(11, 1)) {
        try (Result r = s.runner().feed(p.trainSeed, seed).addTarget(p.computeGradients).fetch(p.loss).run()) {
          lossOut[0] = TensorData.scalar(r.get(0));
        }
        for (var op : p.chunkOps) {
          s.runner().addTarget(op).run().close();
        }
        Session.Runner f = s.runner();
        p.gradientBuffers.forEach(f::fetch);
        List<double[]> out = new ArrayList<>();
        try (Result r = f.run()) {
          for (int i = 0; i < p.gradientBuffers.size(); i++) {
            out.add(TensorData.toDoubles(r.get(i)));
          }
        }
        return out;
      }
    }
  }

  /** {@code sampler} with its off-policy increments but without its chunk graph. */
  private static dev.pathspace.api.PathSampler withoutChunkGraph(dev.pathspace.api.PathSampler sampler) {
    return new dev.pathspace.api.PathSampler() {
      @Override
      public String id() {
        return sampler.id();
      }

      @Override
      public dev.pathspace.api.ScheduleRef defaultSchedule() {
        return sampler.defaultSchedule();
      }

      @Override
      public java.util.Optional<dev.pathspace.api.OffPolicyIncrements> offPolicyIncrements(
          dev.pathspace.api.GraphContext g, dev.pathspace.api.SimulationRequest req) {
        return sampler.offPolicyIncrements(g, req);
      }

      @Override
      public dev.pathspace.api.RndTerms simulate(
          dev.pathspace.api.GraphContext g, dev.pathspace.api.SimulationRequest req) {
        return sampler.simulate(g, req);
      }
    };
  }

  private static void assertSame(PathDivergence div, int chunk) {
    double[] l0 = new double[1];
    double[] l1 = new double[1];
    List<double[]> full = gradients(div, 0, l0);
    List<double[]> chunked = gradients(div, chunk, l1);
    assertThat(l1[0]).isCloseTo(l0[0], within(1e-9 * Math.max(1, Math.abs(l0[0]))));
    assertThat(chunked).hasSameSizeAs(full);
    double scale = 0;
    for (double[] g : full) {
      for (double v : g) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    assertThat(scale).isGreaterThan(0);
    for (int i = 0; i < full.size(); i++) {
      for (int j = 0; j < full.get(i).length; j++) {
        assertThat(chunked.get(i)[j]).isCloseTo(full.get(i)[j], within(1e-8 * scale));
      }
    }
  }

  @Test
  void logVarianceChunkedGradientEqualsFullGradient() {
    assertSame(new LogVarianceDivergence(LogVarianceDivergence.Params.defaults()), 3);
  }

  @Test
  void momentChunkedGradientEqualsFullGradientIncludingLearnedLogZ() {
    assertSame(new MomentDivergence(MomentDivergence.Params.defaults()), 2);
  }
}
