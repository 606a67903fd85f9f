package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Source of standard normal noise for one simulation. Each call returns a fresh, independent draw;
 * draws are reproducible from the simulation's fed seed and the order of calls at graph-build time.
 */
public interface Noise {
  /** A tensor of i.i.d. N(0,1) entries of the given static shape. */
  Operand<TFloating> normal(long... shape);
}
