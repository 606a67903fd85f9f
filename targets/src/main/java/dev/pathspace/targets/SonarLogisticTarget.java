package dev.pathspace.targets;

import dev.pathspace.api.Domain;
import dev.pathspace.api.GraphContext;
import dev.pathspace.api.Target;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Bayesian logistic regression posterior on the UCI Sonar data (Gorman and Sejnowski 1988; Sonar mines (M) vs rocks (R), 208 rows): d = 61
 * (intercept + 60 standardised features, see {@link LogisticData}), prior N(0, I), labels M = +1,
 * R = −1 (Beyond-ELBOs task, spec §7.12). log Z is unknown. The plot domain [−5, 5]^d is a
 * generous box for standardised-feature weights, not a certified mass bound.
 */
public final class SonarLogisticTarget implements Target {
  /** Fixed dimension of this data set. */
  public static final int DIM = 61;

  /** @param dim must equal {@value #DIM} */
  public record Params(int dim) {
    /** Validates the values. */
    public Params {
      Checks.exactly("dim", dim, DIM, "for logistic-sonar (intercept + 60 features)");
    }

    /** d = {@value #DIM}. */
    public static Params defaults() {
      return new Params(DIM);
    }
  }

  private final LogisticPosterior posterior;

  /** Loads sonar.csv from the classpath. */
  @Inject
  public SonarLogisticTarget(Params p) {
    this(data());
  }

  private SonarLogisticTarget(LogisticData data) {
    if (data.params() != DIM) {
      throw new IllegalStateException("sonar.csv gives " + data.params() + " parameters, expected " + DIM);
    }
    this.posterior = new LogisticPosterior(data);
  }

  /** The prepared data set. */
  public static LogisticData data() {
    return LogisticData.load("sonar.csv", "Class", Map.of("M", 1.0, "R", -1.0));
  }

  @Override
  public String id() {
    return "logistic-sonar";
  }

  @Override
  public int dim() {
    return DIM;
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
    return Domain.cube(DIM, -5, 5);
  }
}
