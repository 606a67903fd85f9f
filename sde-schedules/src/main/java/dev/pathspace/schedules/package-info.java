/**
 * Reference SDE noise schedules ({@link dev.pathspace.api.SdeSchedule}): linear and cosine VP, constant OU
 * and scaled Brownian motion (docs/math.md §1), with uniform, quadratic and cosine time grids (docs/math.md §3.1).
 */
package dev.pathspace.schedules;
