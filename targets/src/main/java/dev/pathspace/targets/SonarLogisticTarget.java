package dev.pathspace.targets;

import dev.pathspace.api.params.Describe;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Bayesian logistic regression posterior on the UCI Sonar data (Gorman and Sejnowski 1988; Sonar mines (M) vs rocks (R), 208 rows): d = 61
 * (intercept + 60 standardised features, see {@link LogisticData}), prior N(0, I), labels M = +1,
 * R = −1 (Beyond-ELBOs task, docs/math.md §7.12). log Z is unknown. The plot domain [−5, 5]^d is a
 * generous box for standardised-feature weights, not a certified mass bound.
 */
public final class SonarLogisticTarget extends LogisticRegressionTarget {
  /** Fixed dimension of this data set. */
  public static final int DIM = 61;

  /** @param dim must equal {@value #DIM} */
  public record Params(@Describe("dimension (fixed: intercept + 60 features)") int dim) {
    /** Validates the values. */
    public Params {
      Checks.exactly("dim", dim, DIM, "for logistic-sonar (intercept + 60 features)");
    }

    /** d = {@value #DIM}. */
    public static Params defaults() {
      return new Params(DIM);
    }
  }

  /** Loads sonar.csv from the classpath. */
  @Inject
  public SonarLogisticTarget(Params p) {
    super("logistic-sonar", DIM, data(), "sonar.csv");
  }

  /** The prepared data set. */
  public static LogisticData data() {
    return LogisticData.load("sonar.csv", "Class", Map.of("M", 1.0, "R", -1.0));
  }
}
