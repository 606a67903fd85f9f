package dev.pathspace.experiments.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pathspace.api.Floating;
import dev.pathspace.api.tf.TensorData;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.TrainSettings;
import dev.pathspace.experiments.config.TrainSettings.EmaWarmup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/** The EMA of the weights against hand computations of the reference's rule. */
class WeightAverageTest {
  private static TrainSettings ema(double decay, int start, int every, EmaWarmup warmup, double power) {
    return new TrainSettings(60000, 8, 4, 1e-3, 1.0, 1.0, 0.0, true, 1, 1, 0, 0)
        .withEma(decay, start, every, warmup, power, 1.0);
  }

  @Test
  void referenceScheduleDecidesCopyAverageOrNothing() {
    // the reference: decay 0.9999, update_after_step = 60000 − 1500, update_every 5, inv_gamma 1, power 0.9
    WeightAverage w = new WeightAverage(ema(0.9999, 58500, 5, EmaWarmup.POWER, 0.9));
    assertThat(w.action(1)).isEqualTo(WeightAverage.Action.NONE);
    assertThat(w.action(5)).isEqualTo(WeightAverage.Action.COPY);
    assertThat(w.action(58500)).isEqualTo(WeightAverage.Action.COPY);
    assertThat(w.action(58501)).isEqualTo(WeightAverage.Action.NONE);
    assertThat(w.action(58505)).isEqualTo(WeightAverage.Action.AVERAGE);
    assertThat(w.decay(58505)).isCloseTo(1 - Math.pow(5, -0.9), within(1e-15)); // epoch 4
    assertThat(w.decay(60000)).isCloseTo(1 - Math.pow(1500, -0.9), within(1e-15));
    assertThat(w.decay(58501)).isEqualTo(0.0); // epoch 0
    // capped at emaDecay
    assertThat(new WeightAverage(ema(0.5, 0, 1, EmaWarmup.POWER, 0.9)).decay(1000)).isEqualTo(0.5);
  }

  @Test
  void numUpdatesWarmupIsTodaysRule() {
    WeightAverage w = new WeightAverage(ema(0.99, 0, 1, EmaWarmup.NUM_UPDATES, 0.9));
    assertThat(w.action(1)).isEqualTo(WeightAverage.Action.AVERAGE);
    assertThat(w.decay(1)).isEqualTo(2.0 / 11.0);
    assertThat(w.decay(100)).isEqualTo(101.0 / 110.0);
    assertThat(w.decay(100000)).isEqualTo(0.99);
  }

  @Test
  void shadowsFollowTheHandComputedAverage() {
    TrainSettings t = ema(0.8, 2, 2, EmaWarmup.POWER, 0.9);
    double[] init = {1.0, -2.0};
    try (Graph graph = new Graph()) {
      TfGraphContext ctx = new TfGraphContext(graph, TFloat64.class);
      ctx.trainable("w", init, 2);
      TfGraphContext.Trainable v = ctx.trainables().get(0);
      Placeholder<TFloat64> next = ctx.tf().placeholder(TFloat64.class);
      Op step = ctx.tf().assign(v.variable(), Floating.view(next));
      Placeholder<TFloat64> decayIn = ctx.tf().placeholder(TFloat64.class);
      WeightAverage w = new WeightAverage(t);
      w.build(ctx, ctx.trainables(), step, Floating.view(decayIn));
      var shadowRead = Floating.view(ctx.tf().identity(w.shadows().get(0)));
      double[] shadow = init.clone();
      try (Session s = new Session(graph)) {
        for (int u = 1; u <= 7; u++) {
          double[] theta = {u * 0.5, -2.0 + u * u * 0.1};
          WeightAverage.Action a = w.action(u);
          double d = w.decay(u);
          try (Tensor th = TFloat64.vectorOf(theta);
              Tensor dt = TFloat64.scalarOf(d)) {
            Session.Runner r = s.runner().feed(next, th).feed(decayIn, dt);
            r.addTarget(a == WeightAverage.Action.NONE ? step : w.op(a)).run().close();
          }
          for (int i = 0; i < 2; i++) {
            if (a == WeightAverage.Action.COPY) {
              shadow[i] = theta[i];
            } else if (a == WeightAverage.Action.AVERAGE) {
              shadow[i] -= (1 - d) * (shadow[i] - theta[i]);
            }
          }
          try (Result r = s.runner().fetch(shadowRead).run()) {
            assertThat(TensorData.toDoubles(r.get(0))).containsExactly(shadow, within(1e-15));
          }
        }
      }
      // u = 1 nothing, 2 copy, 3 nothing, 4 average with epoch 1, 6 epoch 3: the shadow lags the weights
      assertThat(shadow[0]).isGreaterThan(1.5).isLessThan(3.0);
    }
  }
}
