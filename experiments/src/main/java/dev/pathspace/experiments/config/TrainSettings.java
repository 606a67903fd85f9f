package dev.pathspace.experiments.config;

import dev.pathspace.api.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training-loop settings ({@code train.*} keys).
 *
 * <p>The optimiser is composed from independent parts, each configured here: the learning-rate schedule
 * ({@code lrSchedule} with {@code lrFinalFactor}, {@code lrStepSize}, {@code lrGamma}, {@code lrMilestones}),
 * Adam's coupled L2 weight decay ({@code weightDecay}), the EMA of the weights that evaluation reads
 * ({@code emaDecay}, {@code emaStart}, {@code emaEvery}, {@code emaWarmup}, {@code emaPower},
 * {@code emaInvGamma}), the schedules of named scalars of the graph ({@code scalarSchedules}) and the loss
 * threshold above which a step is skipped ({@code maxLoss}, {@code maxLossSchedule}).
 *
 * @param steps optimizer steps
 * @param batch trajectories per step
 * @param timesteps time intervals of the unrolled simulation
 * @param lr Adam learning rate
 * @param lrFinalFactor {@code geometric}: the learning rate decays to {@code lr · lrFinalFactor} at the last
 *     step; {@code step} with {@code lrGamma = 0}: γ = lrFinalFactor^(lrStepSize / steps)
 * @param gradClip global L2 norm clip (≤ 0 disables)
 * @param emaDecay EMA decay of the weights used for evaluation (0 disables the EMA)
 * @param scaleLossByDim multiply the loss by 1/d before the gradient (reference behaviour)
 * @param logEvery log a progress line (and a metrics.csv row) every this many steps
 * @param maxSkips abort after this many consecutive non-finite steps
 * @param gradientChunk K &gt; 0: simulate and differentiate with one chunk graph of K time steps run ⌈N/K⌉
 *     times (samplers with a chunk graph — DIS, PIS — and every divergence; graph, first step and memory
 *     no longer grow with N, docs/performance.md); for other samplers and off-policy divergences,
 *     accumulate the gradient over chunks of K steps of the unrolled graph from stored states; 0 =
 *     differentiate the whole unroll; −1 = auto ({@code engine.GradientChoice}: the chunk graph of 10 steps when
 *     the unrolled run would need more than a quarter of the physical memory)
 * @param checkpointEvery write a checkpoint every this many steps (0 = only after the last step)
 * @param optimizer the update rule
 * @param lrSchedule the learning-rate schedule
 * @param lrStepSize {@code step}: multiply the learning rate by γ every this many applied updates
 * @param lrGamma {@code step}/{@code multi-step}: the factor γ ({@code step}: 0 = derived from
 *     {@code lrFinalFactor}, see there)
 * @param lrMilestones {@code multi-step}: the learning rate is multiplied by γ after each of these numbers
 *     of applied updates
 * @param weightDecay L2 penalty added to the gradient before the Adam moments (torch.optim.Adam's
 *     {@code weight_decay}, applied after gradient clipping)
 * @param emaStart until this many updates have been applied, the EMA shadows are copies of the weights
 * @param emaEvery update the EMA shadows after every this many applied updates
 * @param emaWarmup how the effective decay grows towards {@code emaDecay}
 * @param emaPower {@code power} warm-up exponent
 * @param emaInvGamma {@code power} warm-up inverse multiplicative factor
 * @param scalarSchedules multi-step schedules of named graph scalars (see {@link ScalarSchedule})
 * @param maxLoss a step is applied only if |loss| ≤ this threshold (the loss after the 1/d scaling, as the
 *     reference's {@code max_loss} compares {@code scale_loss · loss}); 0 = no threshold (only non-finite
 *     steps are skipped). A skipped step changes no weight, advances no schedule and no EMA.
 * @param maxLossSchedule multi-step schedule of {@code maxLoss} (the reference's MultiStepParams entry
 *     {@code max_loss}): after u applied updates the threshold is {@code maxLoss · gamma^#{m ≤ u}}
 */
public record TrainSettings(
    int steps,
    int batch,
    int timesteps,
    double lr,
    double lrFinalFactor,
    double gradClip,
    double emaDecay,
    boolean scaleLossByDim,
    int logEvery,
    int maxSkips,
    int gradientChunk,
    int checkpointEvery,
    Optimizer optimizer,
    LrSchedule lrSchedule,
    int lrStepSize,
    double lrGamma,
    List<Integer> lrMilestones,
    double weightDecay,
    int emaStart,
    int emaEvery,
    EmaWarmup emaWarmup,
    double emaPower,
    double emaInvGamma,
    Map<String, ScalarSchedule> scalarSchedules,
    double maxLoss,
    ScalarSchedule maxLossSchedule) {

  /** No schedule of {@code maxLoss}. */
  public static final ScalarSchedule NO_SCHEDULE = new ScalarSchedule(List.of(), 1.0);

  /** Update rules. */
  public enum Optimizer {
    /** Adam (Kingma &amp; Ba 2015). */
    ADAM;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Learning-rate schedules; the rate of each step is a closed-form function of the training position. */
  public enum LrSchedule {
    /** {@code lr} at every step. */
    CONSTANT,
    /** {@code lr · lrFinalFactor^((k−1)/(steps−1))} at 1-based step k (the default). */
    GEOMETRIC,
    /** torch's StepLR: {@code lr · γ^⌊u / lrStepSize⌋} after u applied updates. */
    STEP,
    /** torch's MultiStepLR: {@code lr · γ^#{m ∈ lrMilestones : m ≤ u}} after u applied updates. */
    MULTI_STEP;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** How the EMA decay warms up (u = applied updates, counted as the reference counts them). */
  public enum EmaWarmup {
    /** {@code min(emaDecay, (1 + u) / (10 + u))} (torch_ema's num_updates rule). */
    NUM_UPDATES,
    /**
     * {@code e = u − emaStart − 1}; 0 if e ≤ 0, else {@code min(emaDecay, 1 − (1 + e/emaInvGamma)^−emaPower)}
     * (the reference's EMA, after ema-pytorch).
     */
    POWER;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * A multi-step schedule of a named scalar (the reference's MultiStepParams): after u applied updates the
   * value is {@code base · gamma^#{m ∈ milestones : m ≤ u}}.
   *
   * @param milestones update counts (≥ 1, non-decreasing; repeats multiply repeatedly)
   * @param gamma factor per milestone
   */
  public record ScalarSchedule(List<Integer> milestones, Double gamma) {}

  /** Validates the keys added with the composable optimiser (the others are checked by the resolver). */
  public TrainSettings {
    if (optimizer == null) {
      throw new ConfigException("train.optimizer must be one of " + List.of(Optimizer.values()));
    }
    if (lrSchedule == null) {
      throw new ConfigException("train.lrSchedule must be one of " + List.of(LrSchedule.values()));
    }
    if (emaWarmup == null) {
      throw new ConfigException("train.emaWarmup must be one of " + List.of(EmaWarmup.values()));
    }
    require(lrStepSize > 0, "train.lrStepSize", lrStepSize, "must be > 0");
    require(lrGamma >= 0 && Double.isFinite(lrGamma), "train.lrGamma", lrGamma,
        "must be a finite number >= 0 (0 = derived from train.lrFinalFactor for lrSchedule=step)");
    lrMilestones = List.copyOf(lrMilestones == null ? List.of() : lrMilestones);
    checkMilestones("train.lrMilestones", lrMilestones);
    if (lrSchedule == LrSchedule.MULTI_STEP) {
      require(lrGamma > 0, "train.lrGamma", lrGamma, "must be > 0 with train.lrSchedule=multi-step");
    }
    require(weightDecay >= 0 && Double.isFinite(weightDecay), "train.weightDecay", weightDecay,
        "must be a finite number >= 0");
    require(emaStart >= 0, "train.emaStart", emaStart, "must be >= 0");
    require(emaEvery > 0, "train.emaEvery", emaEvery, "must be > 0");
    require(emaPower > 0 && Double.isFinite(emaPower), "train.emaPower", emaPower, "must be > 0");
    require(emaInvGamma > 0 && Double.isFinite(emaInvGamma), "train.emaInvGamma", emaInvGamma, "must be > 0");
    Map<String, ScalarSchedule> schedules = new LinkedHashMap<>();
    if (scalarSchedules != null) {
      for (Map.Entry<String, ScalarSchedule> e : scalarSchedules.entrySet()) {
        String key = "train.scalarSchedules." + e.getKey();
        ScalarSchedule s = e.getValue();
        if (s == null || s.milestones() == null || s.gamma() == null) {
          throw new ConfigException(
              "Invalid value for " + key + ": expected a mapping {milestones: [u1, u2, ...], gamma: g}");
        }
        checkMilestones(key + ".milestones", s.milestones());
        require(s.gamma() > 0 && Double.isFinite(s.gamma()), key + ".gamma", s.gamma(), "must be > 0");
        schedules.put(e.getKey(), new ScalarSchedule(List.copyOf(s.milestones()), s.gamma()));
      }
    }
    scalarSchedules = java.util.Collections.unmodifiableMap(schedules);
    require(maxLoss >= 0 && Double.isFinite(maxLoss), "train.maxLoss", maxLoss,
        "must be a finite number >= 0 (0 = no threshold: only non-finite steps are skipped)");
    if (maxLossSchedule == null || maxLossSchedule.milestones() == null || maxLossSchedule.gamma() == null) {
      throw new ConfigException(
          "Invalid value for train.maxLossSchedule: expected a mapping {milestones: [u1, u2, ...], gamma: g}");
    }
    checkMilestones("train.maxLossSchedule.milestones", maxLossSchedule.milestones());
    require(maxLossSchedule.gamma() > 0 && Double.isFinite(maxLossSchedule.gamma()), "train.maxLossSchedule.gamma",
        maxLossSchedule.gamma(), "must be > 0");
    if (maxLoss == 0 && !maxLossSchedule.milestones().isEmpty()) {
      throw new ConfigException("Invalid value '" + maxLossSchedule.milestones()
          + "' for train.maxLossSchedule.milestones: a schedule of the threshold needs train.maxLoss > 0 "
          + "(train.maxLoss is 0, no threshold)");
    }
    maxLossSchedule = new ScalarSchedule(List.copyOf(maxLossSchedule.milestones()), maxLossSchedule.gamma());
  }

  /**
   * The loss threshold after {@code updates} applied updates ({@code maxLoss · gamma^#{m ∈ milestones : m ≤ u}}),
   * or +∞ when {@code maxLoss} is 0 (no threshold).
   */
  public double maxLossAt(int updates) {
    if (maxLoss == 0) {
      return Double.POSITIVE_INFINITY;
    }
    int passed = 0;
    for (int m : maxLossSchedule.milestones()) {
      if (m <= updates) {
        passed++;
      }
    }
    return maxLoss * Math.pow(maxLossSchedule.gamma(), passed);
  }

  /** Settings with the default optimiser parts (geometric decay, no weight decay, plain EMA, no schedules). */
  public TrainSettings(
      int steps, int batch, int timesteps, double lr, double lrFinalFactor, double gradClip,
      double emaDecay, boolean scaleLossByDim, int logEvery, int maxSkips, int gradientChunk,
      int checkpointEvery) {
    this(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim, logEvery, maxSkips,
        gradientChunk, checkpointEvery, Optimizer.ADAM, LrSchedule.GEOMETRIC, 100, 0.0, List.of(), 0.0, 0, 1,
        EmaWarmup.NUM_UPDATES, 0.9, 1.0, Map.of(), 0.0, NO_SCHEDULE);
  }

  /** Settings without gradient chunking. */
  public TrainSettings(
      int steps, int batch, int timesteps, double lr, double lrFinalFactor, double gradClip,
      double emaDecay, boolean scaleLossByDim, int logEvery, int maxSkips) {
    this(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim, logEvery, maxSkips, 0, 0);
  }

  /** Settings without checkpoints. */
  public TrainSettings(
      int steps, int batch, int timesteps, double lr, double lrFinalFactor, double gradClip,
      double emaDecay, boolean scaleLossByDim, int logEvery, int maxSkips, int gradientChunk) {
    this(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim, logEvery, maxSkips,
        gradientChunk, 0);
  }

  /** A copy with other optimiser parts (the loop settings unchanged). */
  public TrainSettings withOptimizer(
      LrSchedule lrSchedule, int lrStepSize, double lrGamma, List<Integer> lrMilestones, double weightDecay) {
    return new TrainSettings(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim,
        logEvery, maxSkips, gradientChunk, checkpointEvery, optimizer, lrSchedule, lrStepSize, lrGamma,
        lrMilestones, weightDecay, emaStart, emaEvery, emaWarmup, emaPower, emaInvGamma, scalarSchedules,
        maxLoss, maxLossSchedule);
  }

  /** A copy with other EMA settings. */
  public TrainSettings withEma(
      double emaDecay, int emaStart, int emaEvery, EmaWarmup emaWarmup, double emaPower, double emaInvGamma) {
    return new TrainSettings(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim,
        logEvery, maxSkips, gradientChunk, checkpointEvery, optimizer, lrSchedule, lrStepSize, lrGamma,
        lrMilestones, weightDecay, emaStart, emaEvery, emaWarmup, emaPower, emaInvGamma, scalarSchedules,
        maxLoss, maxLossSchedule);
  }

  /** A copy with other scalar schedules. */
  public TrainSettings withScalarSchedules(Map<String, ScalarSchedule> scalarSchedules) {
    return new TrainSettings(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim,
        logEvery, maxSkips, gradientChunk, checkpointEvery, optimizer, lrSchedule, lrStepSize, lrGamma,
        lrMilestones, weightDecay, emaStart, emaEvery, emaWarmup, emaPower, emaInvGamma, scalarSchedules,
        maxLoss, maxLossSchedule);
  }

  /** A copy with another loss threshold and its schedule. */
  public TrainSettings withMaxLoss(double maxLoss, ScalarSchedule maxLossSchedule) {
    return new TrainSettings(steps, batch, timesteps, lr, lrFinalFactor, gradClip, emaDecay, scaleLossByDim,
        logEvery, maxSkips, gradientChunk, checkpointEvery, optimizer, lrSchedule, lrStepSize, lrGamma,
        lrMilestones, weightDecay, emaStart, emaEvery, emaWarmup, emaPower, emaInvGamma, scalarSchedules,
        maxLoss, maxLossSchedule);
  }

  private static void checkMilestones(String key, List<Integer> milestones) {
    List<Integer> copy = new ArrayList<>();
    for (Integer m : milestones) {
      if (m == null || m < 1 || (!copy.isEmpty() && m < copy.get(copy.size() - 1))) {
        throw new ConfigException(
            "Invalid value '" + milestones + "' for " + key + ": must be a non-decreasing list of integers >= 1");
      }
      copy.add(m);
    }
  }

  private static void require(boolean ok, String key, Object value, String rule) {
    if (!ok) {
      throw new ConfigException("Invalid value '" + value + "' for " + key + ": " + rule);
    }
  }
}
