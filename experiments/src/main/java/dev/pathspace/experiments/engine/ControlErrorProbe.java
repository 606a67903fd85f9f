package dev.pathspace.experiments.engine;

import dev.pathspace.api.BoundControl;
import dev.pathspace.api.Floating;
import dev.pathspace.api.RndTerms;
import dev.pathspace.api.SimulationRequest;
import dev.pathspace.api.SimulationRequirements;
import dev.pathspace.api.tf.StatelessNoise;
import dev.pathspace.api.tf.TfGraphContext;
import dev.pathspace.experiments.config.RunConfig;
import dev.pathspace.samplers.hjb.ControlProblem;
import dev.pathspace.samplers.hjb.ExactControl;
import dev.pathspace.samplers.hjb.ExactProblems;
import dev.pathspace.samplers.hjb.GridControlField;
import dev.pathspace.samplers.hjb.GridSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * The ops of the {@code control_error} metric (docs/math.md §14), added to a run's graph on the first
 * evaluation: a detached evaluation unroll of the sampler (its own trajectories X_0..X_N; detaching does not
 * change the states), its control at each X_k through {@link dev.pathspace.api.PathSampler#boundControl},
 * the exact grid control u* of {@link ExactControl} at the same states ({@link GridControlField}), and e_k =
 * |u_θ − u*|² per trajectory, fetched as {@code [N, B]} (plus the states for 1-D targets, for the heat map).
 */
final class ControlErrorProbe {
  /** State bins of the 1-D heat map. */
  static final int BINS = 60;

  /**
   * A built probe or the reason there is none.
   *
   * @param probe the probe, or null
   * @param skipped the reason, or null
   */
  record Outcome(ControlErrorProbe probe, String skipped) {}

  final Operand<TFloating> errors;
  final Operand<TFloating> states;
  final double[] times;
  final double[] dts;
  final double[] weights;
  final double[] gridErrors;

  private ControlErrorProbe(
      Operand<TFloating> errors, Operand<TFloating> states, double[] times, double[] dts, double[] weights,
      double[] gridErrors) {
    this.errors = errors;
    this.states = states;
    this.times = times;
    this.dts = dts;
    this.weights = weights;
    this.gridErrors = gridErrors;
  }

  /** Why the metric does not apply to this run, or null when it does (cheap: no grid is built). */
  static String skipReason(RunComponents c, RunConfig cfg) {
    if (!cfg.eval().controlError()) {
      return "off (eval.controlError=false)";
    }
    ExactProblems.Applicability a = ExactProblems.of(c.sampler(), c.schedule(), c.target());
    return a.problem().isPresent() ? null : a.reason();
  }

  /** Builds the probe's ops in {@code g} for chunks of {@code batch} trajectories fed with {@code seed}. */
  static Outcome build(TfGraphContext g, RunComponents c, RunConfig cfg, Operand<TInt64> seed, int batch) {
    String reason = skipReason(c, cfg);
    if (reason != null) {
      return new Outcome(null, reason);
    }
    ControlProblem problem = ExactProblems.of(c.sampler(), c.schedule(), c.target()).problem().orElseThrow();
    SimulationRequest req = new SimulationRequest(c.schedule(), c.target(), batch, cfg.train().timesteps(),
        new SimulationRequirements(true, false, 1), new StatelessNoise(g, seed, 3), false);
    Optional<BoundControl> bound = c.sampler().boundControl(g, req);
    if (bound.isEmpty()) {
      return new Outcome(null, "sampler '" + c.sampler().id() + "' exposes no control (PathSampler.boundControl)");
    }
    RndTerms terms = c.sampler().simulate(g, req);
    BoundControl u = bound.get();
    int n = u.grid().steps();
    if (terms.path().size() != n + 1) {
      return new Outcome(null, "sampler '" + c.sampler().id() + "' records no state path for a detached simulation");
    }
    int d = c.target().dim();
    ExactControl exact = new ExactControl(c.target(), problem, GridSpec.defaults(d));
    GridControlField field = new GridControlField(exact);
    Ops tf = g.tf();
    List<Operand<TFloating>> e = new ArrayList<>();
    List<Operand<TFloating>> x = new ArrayList<>();
    double[] times = new double[n];
    double[] dts = new double[n];
    double[] weights = new double[n];
    double[] eps = new double[n];
    for (int k = 0; k < n; k++) {
      Operand<TFloating> xk = Floating.view(tf.stopGradient(terms.path().get(k)));
      times[k] = u.grid().time(k);
      dts[k] = u.grid().dt(k);
      weights[k] = u.klWeight(k);
      eps[k] = exact.level(times[k]).error().total();
      Operand<TFloating> diff = Floating.view(tf.math.sub(u.apply(g, k, xk), field.apply(g, times[k], xk)));
      e.add(Floating.view(tf.sum(tf.math.square(diff), tf.constant(1))));
      if (d == 1) {
        x.add(Floating.view(tf.reshape(xk, tf.constant(new long[] {-1}))));
      }
    }
    Operand<TFloating> errors = Floating.view(tf.withName("control_error_steps").stack(e));
    Operand<TFloating> states = d == 1 ? Floating.view(tf.withName("control_error_states").stack(x)) : null;
    return new Outcome(new ControlErrorProbe(errors, states, times, dts, weights, eps), null);
  }

  /** Accumulates fetched chunks into a {@link ControlErrorResult}. */
  final class Accumulator {
    private final int n = times.length;
    private final double[] sum = new double[n];
    private final double[] sumSq = new double[n];
    private double avgSum;
    private double avgSumSq;
    private long count;
    private long nonFinite;
    private double lower = Double.NaN;
    private double upper = Double.NaN;
    private double[][] cellSum;
    private long[][] cellCount;

    /** Adds the first {@code m} trajectories of a chunk: e {@code [N][B]}, states {@code [N][B]} or null. */
    void add(double[][] e, double[][] x, int m) {
      if (x != null && cellSum == null) {
        range(x, m);
      }
      double total = Arrays.stream(dts).sum();
      for (int i = 0; i < m; i++) {
        boolean finite = true;
        for (int k = 0; k < n && finite; k++) {
          finite = Double.isFinite(e[k][i]) && (x == null || Double.isFinite(x[k][i]));
        }
        if (!finite) {
          nonFinite++;
          continue;
        }
        count++;
        double avg = 0;
        for (int k = 0; k < n; k++) {
          sum[k] += e[k][i];
          sumSq[k] += e[k][i] * e[k][i];
          avg += dts[k] * e[k][i];
          if (x != null) {
            int j = (int) Math.floor((x[k][i] - lower) / (upper - lower) * BINS);
            if (j >= 0 && j < BINS) {
              cellSum[k][j] += e[k][i];
              cellCount[k][j]++;
            }
          }
        }
        avg /= total;
        avgSum += avg;
        avgSumSq += avg * avg;
      }
    }

    /** The heat map's state range: the 0.1 %–99.9 % quantiles of the first chunk's states, widened by 5 %. */
    private void range(double[][] x, int m) {
      double[] all = new double[n * m];
      int f = 0;
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < m; i++) {
          if (Double.isFinite(x[k][i])) {
            all[f++] = x[k][i];
          }
        }
      }
      if (f < 2) {
        return;
      }
      double[] v = Arrays.copyOf(all, f);
      Arrays.sort(v);
      double lo = v[(int) (0.001 * (f - 1))];
      double hi = v[(int) Math.ceil(0.999 * (f - 1))];
      double pad = 0.05 * Math.max(hi - lo, 1e-6);
      lower = lo - pad;
      upper = hi + pad;
      cellSum = new double[n][BINS];
      cellCount = new long[n][BINS];
    }

    ControlErrorResult result(double seconds) {
      double[] mean = new double[n];
      double[] se = new double[n];
      double total = Arrays.stream(dts).sum();
      double ce = 0;
      double kl = 0;
      double grid = 0;
      for (int k = 0; k < n; k++) {
        mean[k] = count == 0 ? Double.NaN : sum[k] / count;
        double var = count < 2 ? Double.NaN : Math.max(0, sumSq[k] / count - mean[k] * mean[k]) * count / (count - 1);
        se[k] = Math.sqrt(var / count);
        ce += dts[k] * mean[k];
        kl += 0.5 * weights[k] * mean[k];
        grid += dts[k] * gridErrors[k] * gridErrors[k];
      }
      double avg = count == 0 ? Double.NaN : avgSum / count;
      double avgVar = count < 2 ? Double.NaN : Math.max(0, avgSumSq / count - avg * avg) * count / (count - 1);
      ControlErrorResult.Heatmap heat = null;
      if (cellSum != null) {
        double[][] cm = new double[n][BINS];
        for (int k = 0; k < n; k++) {
          for (int j = 0; j < BINS; j++) {
            cm[k][j] = cellCount[k][j] == 0 ? Double.NaN : cellSum[k][j] / cellCount[k][j];
          }
        }
        heat = new ControlErrorResult.Heatmap(lower, upper, cm, cellCount);
      }
      return new ControlErrorResult(null, times.clone(), dts.clone(), weights.clone(), mean, se, ce / total,
          Math.sqrt(avgVar / count), kl, count, nonFinite, grid / total, seconds, heat);
    }
  }
}
