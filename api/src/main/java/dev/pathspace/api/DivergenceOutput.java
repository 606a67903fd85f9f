package dev.pathspace.api;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The scalar training loss of a divergence and named scalar diagnostics (e.g. number filtered, a learned
 * log Z estimate) that the trainer logs.
 */
public record DivergenceOutput(Operand<TFloating> loss, Map<String, Operand<TFloating>> diagnostics) {
  /** Copies the diagnostics map, sorted by name, so every file and table lists them in one order. */
  public DivergenceOutput {
    diagnostics = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(diagnostics));
  }
}
