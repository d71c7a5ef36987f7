package dev.feedlink.sandbox.domain;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic pseudo-randomness: every generated value is a pure function of a seed and the
 * coordinates it describes (an account and an interval), so the same request always yields the
 * same bytes, whatever was asked before and however often the sandbox restarted.
 */
public final class Noise {

  private Noise() {}

  /** The SplitMix64 finaliser: a strong, cheap bit mixer. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public static long hash(long seed, long a) {
    return mix(seed ^ mix(a + 0x9e3779b97f4a7c15L));
  }

  public static long hash(long seed, long a, long b) {
    return hash(hash(seed, a), b);
  }

  /** A uniform double in [0, 1). */
  public static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  public static double unit(long seed, long a, long b) {
    return unit(hash(seed, a, b));
  }

  /** A stable seed for a name (an account number, a username). */
  public static long seedOf(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix(h);
  }
}
