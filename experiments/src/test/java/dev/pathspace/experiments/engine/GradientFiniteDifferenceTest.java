package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pathspace.api.PathDivergence;
import dev.pathspace.api.tf.TensorData;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.divergences.MomentDivergence;
import dev.pathspace.divergences.ReverseKlDivergence;
import dev.pathspace.experiments.config.ComponentChoice;
import dev.pathspace.experiments.config.EvalSettings;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.samplers.DisSampler;
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
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Central finite differences (float64, tiny sizes) against the gradient the training graph writes to its
 * buffers: the whole chain prior → unrolled Euler–Maruyama → control network (time embedding, gain,
 * score interpolation, clipping) → target → divergence.
 */
class GradientFiniteDifferenceTest {
  private static RunConfig config() {
    ComponentChoice x = new ComponentChoice("x", Map.of());
    return new RunConfig(x, x, x, x,
        new TrainSettings(1, 4, 3, 1e-3, 1.0, 0.0, 0.0, false, 1, 1),
        new EvalSettings(4, 4, 4), 3, "float64", 1, 1);
  }

  private static void check(PathDivergence divergence, boolean onlyLast) {
    DisSampler dis = new DisSampler(new DisSampler.Params(5, 2, Activation.TANH, 3, Parameterisation.LERP, 100, 100, 0));
    RunComponents c = new RunComponents(dis, divergence, new VpFixtureSchedule(),
        new GaussianFixtureTarget(2, 0.5, 0.8, 0.3));
    try (Graph graph = new Graph()) {
      TrainingProgram p = new TrainingProgram(graph, c, config());
      Ops tf = p.ctx.tf();
      List<TfGraphContext.Trainable> vars = p.ctx.trainables();
      List<Placeholder<TFloat64>> feeds = new ArrayList<>();
      List<Op> setters = new ArrayList<>();
      for (TfGraphContext.Trainable t : vars) {
        Placeholder<TFloat64> ph = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(t.shape())));
        feeds.add(ph);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Op set = tf.assign((org.tensorflow.Operand) t.variable(), (org.tensorflow.Operand) ph);
        setters.add(set);
      }
      try (Session s = new Session(graph, Experiment.sessionConfig(config()))) {
        // perturb the initial weights so the zero-initialised output layer is not at a kink
        List<double[]> values = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (TfGraphContext.Trainable t : vars) {
          double[] v = t.init().clone();
          for (int i = 0; i < v.length; i++) {
            v[i] += 0.1 * (r.nextDouble() - 0.5);
          }
          values.add(v);
        }
        set(s, setters, feeds, vars, values);
        List<double[]> grads = new ArrayList<>();
        try (TInt64 seed = TInt64.vectorOf(3, 1)) {
          Session.Runner run = s.runner().feed(p.trainSeed, seed).addTarget(p.computeGradients);
          run.run().close();
          Session.Runner fetch = s.runner();
          for (var b : p.gradientBuffers) {
            fetch.fetch(b);
          }
          try (Result res = fetch.run()) {
            for (int i = 0; i < vars.size(); i++) {
              grads.add(TensorData.toDoubles(res.get(i)));
            }
          }
        }
        double h = 1e-6;
        int checked = 0;
        double worst = 0;
        for (int vi = onlyLast ? vars.size() - 1 : 0; vi < vars.size(); vi++) {
          double[] v = values.get(vi);
          for (int i = 0; i < v.length; i += Math.max(1, v.length / 4)) {
            double orig = v[i];
            v[i] = orig + h;
            set(s, setters, feeds, vars, values);
            double plus = loss(s, p);
            v[i] = orig - h;
            set(s, setters, feeds, vars, values);
            double minus = loss(s, p);
            v[i] = orig;
            double fd = (plus - minus) / (2 * h);
            double an = grads.get(vi)[i];
            double err = Math.abs(fd - an) / Math.max(1e-4, Math.abs(fd) + Math.abs(an));
            worst = Math.max(worst, err);
            assertThat(err).as("%s[%d]: fd=%s analytic=%s", vars.get(vi).name(), i, fd, an).isLessThan(5e-5);
            checked++;
          }
        }
        set(s, setters, feeds, vars, values);
        assertThat(checked).isGreaterThan(onlyLast ? 0 : 20);
        System.out.printf("%s: %d entries, worst relative error %.2e%n", divergence.id(), checked, worst);
      }
    }
  }

  private static double loss(Session s, TrainingProgram p) {
    try (TInt64 seed = TInt64.vectorOf(3, 1);
        Result res = s.runner().feed(p.trainSeed, seed).fetch(p.loss).run()) {
      return TensorData.scalar(res.get(0));
    }
  }

  private static void set(Session s, List<Op> setters, List<Placeholder<TFloat64>> feeds,
      List<TfGraphContext.Trainable> vars, List<double[]> values) {
    Session.Runner r = s.runner();
    List<TFloat64> tensors = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      TFloat64 t = TFloat64.tensorOf(Shape.of(vars.get(i).shape()), DataBuffers.of(values.get(i), true, false));
      tensors.add(t);
      r.feed(feeds.get(i), t).addTarget(setters.get(i));
    }
    r.run().close();
    tensors.forEach(TFloat64::close);
  }

  @Test
  void reverseKlGradientThroughTheWholeUnrollMatchesFiniteDifferences() {
    check(new ReverseKlDivergence(ReverseKlDivergence.Params.defaults()), false);
  }

  @Test
  void momentLossGradientInItsLearnedLogZMatchesFiniteDifferences() {
    // off-policy: perturbing network weights moves the (detached) trajectories, so only the learned
    // offset — which does not move them — admits a plain finite-difference check
    check(new MomentDivergence(MomentDivergence.Params.defaults()), true);
  }

  @SuppressWarnings("unused")
  private static Class<? extends TFloating> unused() {
    return TFloat64.class;
  }
}
