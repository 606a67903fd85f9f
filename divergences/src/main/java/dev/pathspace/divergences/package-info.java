/**
 * Path-space divergences turned into training losses from per-trajectory log-RND batches (docs/math.md §4):
 * reverse KL, log-variance (plain and per-initial-point), and the moment / trajectory-balance loss.
 */
package dev.pathspace.divergences;
