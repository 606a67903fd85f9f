package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * One graph of K time steps that the engine runs ⌈N/K⌉ times with the state carried on the host, its
 * per-step inputs and noise keys fed (docs/performance.md, chunk graph): the common part of {@link
 * ChunkedSimulation} (run forwards) and {@link ChunkedTargetPath} (run from the last chunk to the first).
 */
public interface ChunkGraph {
  /** Steps per chunk K. */
  int chunk();

  /** Total steps N of the request. */
  int steps();

  /**
   * Fed: the state the run starts from, {@code [B, d]} — the chunk's first step for a simulation, its end
   * for a target path.
   */
  Operand<TFloating> stateIn();

  /** Fed: the chunk's per-step inputs, {@code [inputs, K]} (one row per input, one column per step). */
  Operand<TFloating> stepInputs();

  /** Fed: the noise key of each step of the chunk, {@code int64 [K, 2]}. */
  Operand<TInt64> noiseKeys();

  /** The state the run ends at, {@code [B, d]} (fed to the next run). */
  Operand<TFloating> stateOut();

  /** The chunk's running cost Σ_j running_j, {@code [B]}. */
  Operand<TFloating> running();

  /** The chunk's Itô terms Σ_j ito_j, {@code [B]} (zeros when the request needs no Itô integral). */
  Operand<TFloating> ito();

  /** The values of {@link #stepInputs} for the chunk whose first step is {@code firstStep}, row-major. */
  double[] stepInputValues(int firstStep);
}
