package dev.pathspace.experiments.cli;

import dev.pathspace.api.Target;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.experiments.engine.BenchResult;
import dev.pathspace.experiments.engine.EvalResult;
import dev.pathspace.experiments.engine.RunComponents;
import dev.pathspace.experiments.engine.RunListener;
import dev.pathspace.experiments.engine.StepRecord;
import dev.pathspace.experiments.engine.TrainSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/** A backend without TensorFlow: synthetic steps, ground-truth samples as "model" samples, fixed metrics. */
final class FakeBackend implements RunBackend {
  int opened;
  int closed;

  @Override
  public RunSession open(RunComponents components, RunConfig config) {
    opened++;
    return new RunSession() {
      @Override
      public TrainSummary train(RunListener listener) {
        int n = config.train().steps();
        listener.onInfo("fake graph built");
        Map<String, Double> diag = Map.of();
        for (int s = 1; s <= n; s++) {
          diag = Map.of("log_z_moment", -1.0 / s);
          listener.onStep(new StepRecord(s, 2.0 / s, config.train().lr(), 1.5, 0.01 * s, false, diag));
        }
        return new TrainSummary(n, 0, 0.01 * n, 0.5, diag);
      }

      @Override
      public EvalResult evaluate() {
        Target t = components.target();
        int m = config.eval().batch();
        double[][] x = t.groundTruth().orElseThrow().sample(m, config.seed());
        return new EvalResult(new double[m], new double[m], x, 0.1);
      }

      @Override
      public BenchResult benchmark(int warmup, int measured) {
        return new BenchResult(1.25, 0.5, 12.5, 80, 123456, 2048, 1.5, 30);
      }

      @Override
      public void close() {
        closed++;
      }
    };
  }

  @Override
  public Map<String, Object> metrics(RunConfig config, Target target, EvalResult eval) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("log_z_true", 0.0);
    m.put("log_z_error", 0.0125);
    m.put("ess", 0.91);
    return m;
  }
}
