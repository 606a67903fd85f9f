package dev.pathspace.targets;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Composite Gauss–Legendre quadrature (Commons Math {@link GaussIntegratorFactory#legendre}, 10 nodes
 * per panel) on equal panels. Used for the 1-D normalising constants and moments of the wells and rings
 * (docs/math.md §7.4–§7.6 use Boole's rule on the same intervals; this rule is of higher order).
 */
public final class Quadrature {
  private static final int NODES = 10;
  private static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();

  private Quadrature() {}

  /** {@code ∫_a^b f} on {@code panels} equal panels. */
  public static double integrate(DoubleUnaryOperator f, double a, double b, int panels) {
    if (!(b > a) || panels < 1) {
      throw new IllegalArgumentException("need a < b and panels >= 1 (got " + a + ", " + b + ", " + panels + ")");
    }
    double h = (b - a) / panels;
    double sum = 0;
    for (int p = 0; p < panels; p++) {
      GaussIntegrator gi = FACTORY.legendre(NODES, a + p * h, a + (p + 1) * h);
      sum += gi.integrate(f::applyAsDouble);
    }
    return sum;
  }

  /** Nodes and weights of the same composite rule, {@code [2][panels·10]}, for vectorised integrands. */
  public static double[][] nodesAndWeights(double a, double b, int panels) {
    double h = (b - a) / panels;
    double[][] out = new double[2][panels * NODES];
    int k = 0;
    for (int p = 0; p < panels; p++) {
      GaussIntegrator gi = FACTORY.legendre(NODES, a + p * h, a + (p + 1) * h);
      for (int i = 0; i < gi.getNumberOfPoints(); i++) {
        out[0][k] = gi.getPoint(i);
        out[1][k] = gi.getWeight(i);
        k++;
      }
    }
    return out;
  }
}
