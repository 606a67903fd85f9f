package dev.pathspace.targets;

import dev.pathspace.api.Domain;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Target;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Shared body of the Bayesian logistic regression targets: a {@link LogisticPosterior} of a bundled data
 * set with a fixed dimension, unknown log Z and the plot domain [−5, 5]^d.
 */
abstract class LogisticRegressionTarget implements Target {
  private final String id;
  private final int dim;
  private final LogisticPosterior posterior;

  LogisticRegressionTarget(String id, int dim, LogisticData data, String file) {
    if (data.params() != dim) {
      throw new IllegalStateException(file + " gives " + data.params() + " parameters, expected " + dim);
    }
    this.id = id;
    this.dim = dim;
    this.posterior = new LogisticPosterior(data);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public Operand<TFloating> logDensity(GraphContext g, Operand<TFloating> x) {
    return posterior.logDensity(g, x);
  }

  @Override
  public Operand<TFloating> score(GraphContext g, Operand<TFloating> x) {
    return posterior.score(g, x);
  }

  @Override
  public OptionalDouble logZ() {
    return OptionalDouble.empty();
  }

  @Override
  public Domain domain() {
    return Domain.cube(dim, -5, 5);
  }
}
