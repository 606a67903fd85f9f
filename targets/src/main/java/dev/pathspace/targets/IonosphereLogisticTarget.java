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
 * Bayesian logistic regression posterior on the UCI Ionosphere data (Sigillito et al. 1989; Ionosphere radar returns, 351 rows; V2 is constant and therefore 0 after centring): d = 35
 * (intercept + 34 standardised features, see {@link LogisticData}), prior N(0, I), labels good = +1,
 * bad = −1 (Beyond-ELBOs task, spec §7.12). log Z is unknown. The plot domain [−5, 5]^d is a
 * generous box for standardised-feature weights, not a certified mass bound.
 */
public final class IonosphereLogisticTarget implements Target {
  /** Fixed dimension of this data set. */
  public static final int DIM = 35;

  /** @param dim must equal {@value #DIM} */
  public record Params(int dim) {
    /** Validates the values. */
    public Params {
      Checks.exactly("dim", dim, DIM, "for logistic-ionosphere (intercept + 34 features)");
    }

    /** d = {@value #DIM}. */
    public static Params defaults() {
      return new Params(DIM);
    }
  }

  private final LogisticPosterior posterior;

  /** Loads ionosphere.csv from the classpath. */
  @Inject
  public IonosphereLogisticTarget(Params p) {
    this(data());
  }

  private IonosphereLogisticTarget(LogisticData data) {
    if (data.params() != DIM) {
      throw new IllegalStateException("ionosphere.csv gives " + data.params() + " parameters, expected " + DIM);
    }
    this.posterior = new LogisticPosterior(data);
  }

  /** The prepared data set. */
  public static LogisticData data() {
    return LogisticData.load("ionosphere.csv", "Class", Map.of("good", 1.0, "bad", -1.0));
  }

  @Override
  public String id() {
    return "logistic-ionosphere";
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
