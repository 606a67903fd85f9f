package dev.pathspace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler's pairing warnings reach the user before training, through the real CLI and engine: the bridge
 * with the start-point-grouped log-variance (lv_traj, docs/results.md) warns, the bridge with the plain
 * log-variance does not.
 */
class PairingWarningCliTest {
  @TempDir Path work;

  private static String[] tiny(String divergence) {
    return new String[] {
      "sampler=bridge", "divergence=" + divergence, "target=gaussian", "target.dim=1", "train.steps=2",
      "train.batch=32", "train.timesteps=4", "eval.batch=64", "eval.chunk=64", "eval.referenceSamples=50",
      "threads.inter=1", "seed=1"};
  }

  @Test
  void bridgeWithLvTrajWarnsBeforeTrainingAndPlainLogVarianceDoesNot() throws Exception {
    EngineCli traj = new EngineCli(work, tiny("log-variance-traj"));
    assertThat(traj.runInto("traj")).as(traj.err()).isZero();
    assertThat(traj.err()).contains("warning: sampler=bridge with a divergence that groups 4 trajectories per start point");

    EngineCli plain = new EngineCli(work, tiny("log-variance"));
    assertThat(plain.runInto("plain")).as(plain.err()).isZero();
    assertThat(plain.err()).doesNotContain("warning: sampler=bridge");
  }
}
