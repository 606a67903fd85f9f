/**
 * Exact optimal controls of the diffusion samplers for low-dimensional targets (d ≤ 2), from the
 * Gaussian-convolution solution of their Hamilton–Jacobi–Bellman equations (Berner, Richter &amp; Ullrich,
 * TMLR 2024, Sec. 2–3; docs/math.md §13): the log-marginals of the noising process (DIS) and the log
 * h-functions E[ρ/p_ref(X_T) | X_s = x] (PIS, DDS) are log-sum-exp quadratures of the target on a grid,
 * their gradients are posterior means, and {@link dev.pathspace.samplers.hjb.GridControlField} evaluates
 * the resulting control inside a TF graph by bilinear interpolation.
 */
package dev.pathspace.samplers.hjb;
