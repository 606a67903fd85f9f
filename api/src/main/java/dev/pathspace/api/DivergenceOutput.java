package dev.pathspace.api;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The scalar training loss of a divergence and named scalar diagnostics (e.g. number filtered, a learned
 * log Z estimate) that the trainer logs.
 */
public record DivergenceOutput(Operand<TFloating> loss, Map<String, Operand<TFloating>> diagnostics) {
  /** Copies the diagnostics map. */
  public DivergenceOutput {
    diagnostics = Map.copyOf(diagnostics);
  }
}
