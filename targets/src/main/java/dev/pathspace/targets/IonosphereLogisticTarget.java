package dev.pathspace.targets;

import dev.pathspace.api.params.Describe;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Bayesian logistic regression posterior on the UCI Ionosphere data (Sigillito et al. 1989; Ionosphere radar returns, 351 rows; V2 is constant and therefore 0 after centring): d = 35
 * (intercept + 34 standardised features, see {@link LogisticData}), prior N(0, I), labels good = +1,
 * bad = −1 (Beyond-ELBOs task, docs/math.md §7.12). log Z is unknown. The plot domain [−5, 5]^d is a
 * generous box for standardised-feature weights, not a certified mass bound.
 */
public final class IonosphereLogisticTarget extends LogisticRegressionTarget {
  /** Fixed dimension of this data set. */
  public static final int DIM = 35;

  /** @param dim must equal {@value #DIM} */
  public record Params(@Describe("dimension (fixed: intercept + 34 features)") int dim) {
    /** Validates the values. */
    public Params {
      Checks.exactly("dim", dim, DIM, "for logistic-ionosphere (intercept + 34 features)");
    }

    /** d = {@value #DIM}. */
    public static Params defaults() {
      return new Params(DIM);
    }
  }

  /** Loads ionosphere.csv from the classpath. */
  @Inject
  public IonosphereLogisticTarget(Params p) {
    super("logistic-ionosphere", DIM, data(), "ionosphere.csv");
  }

  /** The prepared data set. */
  public static LogisticData data() {
    return LogisticData.load("ionosphere.csv", "Class", Map.of("good", 1.0, "bad", -1.0));
  }
}
