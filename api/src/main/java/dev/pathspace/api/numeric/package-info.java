/**
 * Numerically careful building blocks shared by built-in components and plug-ins: stable log-sum-exp and
 * log-mean-exp (in-graph and plain Java), non-finite masking with counts, and seeded random streams.
 */
package dev.pathspace.api.numeric;
