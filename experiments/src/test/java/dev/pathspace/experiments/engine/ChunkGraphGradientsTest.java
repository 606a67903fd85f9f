package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.PathSampler;
import dev.pathspace.api.SdeSchedule;
import dev.pathspace.api.tf.TensorData;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.divergences.CrossEntropyDivergence;
import dev.pathspace.divergences.LogVarianceDivergence;
import dev.pathspace.divergences.MomentDivergence;
import dev.pathspace.divergences.ReverseKlDivergence;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.samplers.BridgeSampler;
import dev.pathspace.samplers.DdsSampler;
import dev.pathspace.samplers.DisSampler;
import dev.pathspace.samplers.Integrator;
import dev.pathspace.samplers.Parameterisation;
import dev.pathspace.samplers.PisSampler;
import dev.pathspace.samplers.nn.Activation;
import dev.pathspace.testkit.BrownianFixtureSchedule;
import dev.pathspace.testkit.GaussianFixtureTarget;
import dev.pathspace.testkit.VpFixtureSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * The chunk-graph gradient (one graph of K steps run ⌈N/K⌉ times, states carried on the host, output
 * gradients propagated chunk by chunk) equals the gradient of the fully unrolled graph in float64, for
 * off-policy divergences (log-variance, moment with its learned log Z, cross-entropy) and for reverse KL
 * (backpropagation through the path by recomputation), with K dividing N and not, for DIS (lerp: time
 * embedding, gain, score interpolation), PIS (score) and DDS (score; exponential integrator and Euler with
 * the reference control). The weights are perturbed away from the
 * zero-initialised output layer so that every variable has a non-zero gradient.
 */
class ChunkGraphGradientsTest {
  private static final int N = 12;
  private static final long[] SEED = {11, 1};

  private static RunConfig config(int chunk) {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    return new RunConfig(x, x, x, x,
        new TrainSettings(1, 16, N, 1e-3, 1.0, 0.0, 0.0, true, 1, 1, chunk),
        new EvalSettings(4, 4, 4), 11, "float64", 1, 1);
  }

  private record Grads(double loss, List<double[]> buffers, List<String> names) {}

  private static Grads gradients(PathSampler sampler, SdeSchedule schedule, PathDivergence div, int chunk) {
    RunComponents c = new RunComponents(sampler, div, schedule, new GaussianFixtureTarget(2, 0.5, 0.8, 0.3));
    try (Graph graph = new Graph()) {
      TrainingProgram p = new TrainingProgram(graph, c, config(chunk));
      assertThat(p.hostGradients != null).isEqualTo(chunk > 0);
      try (Session s = new Session(graph, Experiment.sessionConfig(config(chunk)))) {
        perturb(s, p);
        double loss;
        if (chunk > 0) {
          loss = p.hostGradients.compute(s, SEED, r -> List.of(), List.of())[0];
        } else {
          try (TInt64 seed = TInt64.vectorOf(SEED[0], SEED[1]);
              Result r = s.runner().feed(p.trainSeed, seed).addTarget(p.computeGradients).fetch(p.loss).run()) {
            loss = TensorData.scalar(r.get(0));
          }
        }
        Session.Runner f = s.runner();
        p.gradientBuffers.forEach(f::fetch);
        List<double[]> out = new ArrayList<>();
        try (Result r = f.run()) {
          for (int i = 0; i < p.gradientBuffers.size(); i++) {
            out.add(TensorData.toDoubles(r.get(i)));
          }
        }
        return new Grads(loss, out, p.ctx.trainables().stream().map(TfGraphContext.Trainable::name).toList());
      }
    }
  }

  /** Sets every trainable to its initial value plus a deterministic perturbation of size 0.2. */
  private static void perturb(Session s, TrainingProgram p) {
    Ops tf = p.ctx.tf();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    Session.Runner r = s.runner();
    List<TFloat64> tensors = new ArrayList<>();
    List<Op> setters = new ArrayList<>();
    for (TfGraphContext.Trainable t : p.ctx.trainables()) {
      Placeholder<TFloat64> ph = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(t.shape())));
      @SuppressWarnings({"unchecked", "rawtypes"})
      Op set = tf.assign((Operand) t.variable(), (Operand) ph);
      double[] v = t.init().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] += 0.2 * (rnd.nextDouble() - 0.5);
      }
      TFloat64 tv = TFloat64.tensorOf(Shape.of(t.shape()), DataBuffers.of(v, true, false));
      tensors.add(tv);
      r.feed(ph, tv);
      setters.add(set);
    }
    setters.forEach(r::addTarget);
    r.run().close();
    tensors.forEach(TFloat64::close);
  }

  private static void assertSame(PathSampler sampler, SdeSchedule schedule, PathDivergence div, int chunk) {
    Grads full = gradients(sampler, schedule, div, 0);
    Grads chunked = gradients(sampler, schedule, div, chunk);
    assertThat(chunked.names()).isEqualTo(full.names());
    assertThat(Math.abs(chunked.loss() - full.loss())).isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(full.loss())));
    double worst = 0;
    for (int i = 0; i < full.buffers().size(); i++) {
      double[] a = full.buffers().get(i);
      double[] b = chunked.buffers().get(i);
      double norm = 0;
      double diff = 0;
      for (int j = 0; j < a.length; j++) {
        norm += a[j] * a[j];
        diff += (a[j] - b[j]) * (a[j] - b[j]);
      }
      assertThat(norm).as("gradient of %s is zero in the unrolled graph", full.names().get(i)).isGreaterThan(0);
      double rel = Math.sqrt(diff / norm);
      worst = Math.max(worst, rel);
      assertThat(rel).as("%s (K=%d)", full.names().get(i), chunk).isLessThan(1e-9);
    }
    System.out.printf("%s/%s K=%d: %d variables, worst relative error %.2e%n",
        sampler.id(), div.id(), chunk, full.buffers().size(), worst);
  }

  private static DisSampler dis() {
    return new DisSampler(new DisSampler.Params(6, 2, Activation.TANH, 3, 1, Parameterisation.LERP, 100, 100, 0, 0.0));
  }

  private static PisSampler pis() {
    return new PisSampler(new PisSampler.Params(6, 2, Activation.TANH, 3, 1, Parameterisation.SCORE, 100, 100, 0.0));
  }

  @Test
  void logVarianceEqualsTheUnrolledGradient() {
    PathDivergence lv = new LogVarianceDivergence(LogVarianceDivergence.Params.defaults());
    assertSame(dis(), new VpFixtureSchedule(), lv, 4);
    assertSame(dis(), new VpFixtureSchedule(), lv, 5);
  }

  @Test
  void reverseKlByRecomputationEqualsTheUnrolledGradient() {
    PathDivergence kl = new ReverseKlDivergence(ReverseKlDivergence.Params.defaults());
    assertSame(dis(), new VpFixtureSchedule(), kl, 4);
    assertSame(dis(), new VpFixtureSchedule(), kl, 5);
    assertSame(dis(), new VpFixtureSchedule(), kl, 1);
  }

  @Test
  void momentWithLearnedLogZAndCrossEntropyEqualTheUnrolledGradient() {
    assertSame(dis(), new VpFixtureSchedule(), new MomentDivergence(MomentDivergence.Params.defaults()), 5);
    assertSame(dis(), new VpFixtureSchedule(), new CrossEntropyDivergence(CrossEntropyDivergence.Params.defaults()), 3);
  }

  private static DdsSampler dds(Integrator integrator) {
    return new DdsSampler(new DdsSampler.Params(
        6, 2, Activation.TANH, 3, 1, Parameterisation.SCORE, 100, 100, 1.0, 1.0, integrator, 0.0));
  }

  @Test
  void ddsExponentialEqualsTheUnrolledGradientOnAndOffPolicy() {
    PathDivergence lv = new LogVarianceDivergence(LogVarianceDivergence.Params.defaults());
    PathDivergence kl = new ReverseKlDivergence(ReverseKlDivergence.Params.defaults());
    DdsSampler dds = dds(Integrator.EXPONENTIAL);
    assertSame(dds, new VpFixtureSchedule(), lv, 4);
    assertSame(dds, new VpFixtureSchedule(), lv, 5);
    assertSame(dds, new VpFixtureSchedule(), kl, 1);
    assertSame(dds, new VpFixtureSchedule(), kl, 3);
    assertSame(dds, new VpFixtureSchedule(), kl, 5);
    assertSame(dds, new VpFixtureSchedule(), new MomentDivergence(MomentDivergence.Params.defaults()), 5);
  }

  @Test
  void ddsEulerWithTheReferenceControlEqualsTheUnrolledGradientOnAndOffPolicy() {
    DdsSampler dds = dds(Integrator.EULER);
    assertSame(dds, new VpFixtureSchedule(), new LogVarianceDivergence(LogVarianceDivergence.Params.defaults()), 5);
    assertSame(dds, new VpFixtureSchedule(), new ReverseKlDivergence(ReverseKlDivergence.Params.defaults()), 4);
    assertSame(dds, new VpFixtureSchedule(), new MomentDivergence(MomentDivergence.Params.defaults()), 3);
  }

  private static EvalResult evaluate(int chunk) {
    return evaluate(dis(), chunk);
  }

  private static EvalResult evaluate(PathSampler sampler, int chunk) {
    return evaluate(sampler, new VpFixtureSchedule(), chunk);
  }

  private static EvalResult evaluate(PathSampler sampler, SdeSchedule schedule, int chunk) {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    RunConfig cfg = new RunConfig(x, x, x, x,
        new TrainSettings(1, 16, N, 1e-3, 1.0, 0.0, 0.0, true, 1, 1, chunk),
        new EvalSettings(10, 4, 4), 11, "float64", 1, 1);
    RunComponents c = new RunComponents(sampler, new ReverseKlDivergence(ReverseKlDivergence.Params.defaults()),
        schedule, new GaussianFixtureTarget(2, 0.5, 0.8, 0.3));
    try (Experiment e = Experiment.build(c, cfg)) {
      e.train(new RunListener() {
        @Override
        public void onStep(StepRecord r) {}

        @Override
        public void onInfo(String message) {}
      });
      return e.evaluate();
    }
  }

  @Test
  void oneTrainingStepAndTheChunkedEvaluationEqualTheUnrolledOnes() {
    assertSameEvaluation(evaluate(0), evaluate(5));
  }

  @Test
  void ddsOneTrainingStepAndTheChunkedEvaluationEqualTheUnrolledOnes() {
    assertSameEvaluation(evaluate(dds(Integrator.EXPONENTIAL), 0), evaluate(dds(Integrator.EXPONENTIAL), 5));
    assertSameEvaluation(evaluate(dds(Integrator.EULER), 0), evaluate(dds(Integrator.EULER), 5));
  }

  /**
   * The target-path rnd (EUBO, forward ESS) through the chunk graph, run from the last chunk to the first
   * (K = 5, 4 and 1 for N = 12: padded, divided and one step per chunk), equals the unrolled target path's
   * on the same exact target samples and noise: PIS's Brownian bridge (whose step 0 draws nothing).
   */
  @Test
  void pisTargetPathsThroughTheChunkGraphEqualTheUnrolledOnes() {
    EvalResult full = evaluate(pis(), new BrownianFixtureSchedule(), 0);
    for (int k : new int[] {5, 4, 1}) {
      assertSameEvaluation(full, evaluate(pis(), new BrownianFixtureSchedule(), k));
    }
  }

  private static void assertSameEvaluation(EvalResult full, EvalResult chunked) {
    assertThat(chunked.logRnd()).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(chunked.logRnd()[i]).isCloseTo(full.logRnd()[i], org.assertj.core.api.Assertions.within(1e-10));
      assertThat(chunked.logRndNoIto()[i]).isCloseTo(full.logRndNoIto()[i], org.assertj.core.api.Assertions.within(1e-10));
      for (int j = 0; j < 2; j++) {
        assertThat(chunked.samples()[i][j]).isCloseTo(full.samples()[i][j], org.assertj.core.api.Assertions.within(1e-10));
      }
    }
    assertThat(full.logRnd()[0]).isNotEqualTo(full.logRnd()[1]);
    if (full.targetPath().values().isEmpty()) { // the bridge: neither run has target paths
      assertThat(chunked.targetPath().values()).isEmpty();
      return;
    }
    double[] target = full.targetPath().values().orElseThrow();
    double[] targetChunked = chunked.targetPath().values()
        .orElseThrow(() -> new AssertionError(chunked.targetPath().reason().orElse("")));
    assertThat(targetChunked).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(targetChunked[i]).isCloseTo(target[i], org.assertj.core.api.Assertions.within(1e-10));
    }
    assertThat(target[0]).isNotEqualTo(target[1]);
  }

  private static BridgeSampler bridge() {
    return new BridgeSampler(new BridgeSampler.Params(6, 2, Activation.TANH, 3, 1, 100, 100, 0.0, 0.5, 0.0));
  }

  /**
   * The bridge's chunk graph (generative and inference control, a = u + v, b = u − v, extra cost σ∇·v from
   * the inference network's exact Jacobian diagonal) gives the unrolled gradient off- and on-policy, and
   * the same training step and evaluation.
   */
  @Test
  void bridgeEqualsTheUnrolledGradientOnAndOffPolicy() {
    assertSame(bridge(), new VpFixtureSchedule(), new LogVarianceDivergence(LogVarianceDivergence.Params.defaults()), 4);
    assertSame(bridge(), new VpFixtureSchedule(), new LogVarianceDivergence(LogVarianceDivergence.Params.defaults()), 5);
    assertSame(bridge(), new VpFixtureSchedule(), new ReverseKlDivergence(ReverseKlDivergence.Params.defaults()), 3);
    assertSame(bridge(), new VpFixtureSchedule(), new MomentDivergence(MomentDivergence.Params.defaults()), 5);
    assertSameEvaluation(evaluate(bridge(), 0), evaluate(bridge(), 5));
  }

  @Test
  void pisEqualsTheUnrolledGradientOnAndOffPolicy() {
    assertSame(pis(), new BrownianFixtureSchedule(), new ReverseKlDivergence(ReverseKlDivergence.Params.defaults()), 5);
    assertSame(pis(), new BrownianFixtureSchedule(), new LogVarianceDivergence(LogVarianceDivergence.Params.defaults()), 4);
  }
}
