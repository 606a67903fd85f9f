package dev.pathspace.api;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Per-trajectory decomposition of {@code rnd = log dP_model/dP_target-path − log Z} (docs/math.md §0): each term is
 * a {@code [B]} tensor, so that {@code −E[rnd]} is an ELBO, {@code exp(−rnd)} are importance weights and
 * {@code rnd ≡ −log Z} at the optimum.
 *
 * @param initial log prior density of X_0 (and other start terms)
 * @param running running cost Σ (control energy, divergence corrections) · Δt
 * @param ito stochastic integral Σ ⟨a, ΔB⟩ (zero tensor when not requested)
 * @param terminal terminal cost, e.g. log p_ref(X_T) − log ρ(X_T) or −log ρ(X_T)
 * @param samples the terminal states X_T, {@code [B, d]}
 * @param path the states X_0..X_N (each {@code [B, d]}) when the sampler records them, else empty
 */
public record RndTerms(
    Operand<TFloating> initial,
    Operand<TFloating> running,
    Operand<TFloating> ito,
    Operand<TFloating> terminal,
    Operand<TFloating> samples,
    java.util.List<Operand<TFloating>> path) {

  /** Copies the path list. */
  public RndTerms {
    path = java.util.List.copyOf(path);
  }

  /** Terms without a recorded path. */
  public RndTerms(
      Operand<TFloating> initial,
      Operand<TFloating> running,
      Operand<TFloating> ito,
      Operand<TFloating> terminal,
      Operand<TFloating> samples) {
    this(initial, running, ito, terminal, samples, java.util.List.of());
  }

  /** initial + running + ito + terminal. */
  public Operand<TFloating> logRnd(Ops tf) {
    return tf.math.add(withoutIto(tf), ito);
  }

  /** initial + running + terminal (the lower-variance ELBO form, docs/math.md §4.6 run B). */
  public Operand<TFloating> withoutIto(Ops tf) {
    return tf.math.add(tf.math.add(initial, running), terminal);
  }
}
