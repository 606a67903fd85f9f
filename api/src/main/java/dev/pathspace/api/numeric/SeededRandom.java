package dev.pathspace.api.numeric;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Reproducible plain-Java random streams for ground-truth samplers, weight initialisation and tests: the
 * stream for ({@code seed}, {@code purpose}) is always the same and independent of the streams of other
 * purposes, so a plug-in target's {@code GroundTruthSampler.sample(n, seed)} can be exactly reproducible
 * without sharing state. Uses {@link SplittableRandom} (SplitMix64), whose seeds are mixed with a 64-bit
 * FNV-1a hash of the purpose.
 */
public final class SeededRandom {
  private SeededRandom() {}

  /** A fresh stream for this seed and purpose (e.g. {@code "my-target/ground-truth"}). */
  public static SplittableRandom stream(long seed, String purpose) {
    long h = 0xcbf29ce484222325L;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
  }

  /** n standard normal draws from the stream. */
  public static double[] normals(SplittableRandom rng, int n) {
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = rng.nextGaussian();
    }
    return z;
  }
}
