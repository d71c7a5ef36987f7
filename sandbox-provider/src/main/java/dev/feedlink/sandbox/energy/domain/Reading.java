package dev.feedlink.sandbox.energy.domain;

/**
 * One interval reading as the meter reports it.
 *
 * @param start epoch seconds
 * @param duration seconds
 * @param value in the commodity's uom × 10^powerOfTenMultiplier; may be an anomaly
 * @param cost in 1/100000 of the currency (USD)
 * @param quality the ESPI ReadingQuality code, or null for a plain measured reading
 * @param anomaly what the sandbox put into this reading on purpose, for the pipeline to find
 */
public record Reading(long start, int duration, long value, long cost, Integer quality, Anomaly anomaly) {

  /** 9: estimated using linear interpolation (ESPI QualityOfReading). */
  public static final int ESTIMATED = 9;

  public enum Anomaly {
    NONE,
    /** An outlier: several times the usual value for a single interval. */
    SPIKE,
    /** A meter glitch: a negative consumption reading. */
    NEGATIVE,
    /** Filled in by the utility after a meter communication gap ({@link #ESTIMATED} quality). */
    ESTIMATED
  }
}
